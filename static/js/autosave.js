/* Enlace: save the contribution draft in the background while the participant writes.
 * Progressive enhancement: without JavaScript the "Save draft" button does the same.
 * The form carries data-autosave-url; the CSRF token is the form's own hidden field. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave-url]");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var url = form.getAttribute("data-autosave-url");
  var status = form.querySelector(".autosave-status");
  var delay = 3000;
  var timer = null;
  var dirty = false;
  var saving = false;

  function show(text) {
    if (status && text) {
      status.textContent = text;
    }
  }

  function save() {
    timer = null;
    if (!dirty || saving) {
      return;
    }
    dirty = false;
    saving = true;
    var data = new FormData(form);
    data.delete("submit");
    fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    })
      .then(function (response) {
        return response.json().catch(function () {
          return {};
        });
      })
      .then(function (payload) {
        if (payload && payload.saved) {
          show(payload.message);
          form.setAttribute("data-autosaved", "true");
        } else {
          dirty = true;
        }
      })
      .catch(function () {
        dirty = true;
      })
      .then(function () {
        saving = false;
      });
  }

  function changed() {
    dirty = true;
    if (timer === null) {
      timer = window.setTimeout(save, delay);
    }
  }

  function editedBefore(field) {
    if (field.type === "checkbox" || field.type === "radio") {
      return field.checked !== field.defaultChecked;
    }
    if (field.tagName === "SELECT") {
      return Array.prototype.some.call(field.options, function (option) {
        return option.selected !== option.defaultSelected;
      });
    }
    return "defaultValue" in field && field.value !== field.defaultValue;
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  // On a slow connection the participant may type before this script runs: those edits are saved too.
  if (Array.prototype.some.call(form.elements, editedBefore)) {
    changed();
  }
  window.addEventListener("pagehide", function () {
    if (dirty && navigator.sendBeacon) {
      var data = new FormData(form);
      data.delete("submit");
      navigator.sendBeacon(url, data);
    }
  });
})();
