/*
 * Title suggestions for search boxes (progressive enhancement: without this script the form simply submits).
 *
 * Any <input data-autocomplete-url> becomes an ARIA 1.2 combobox with a listbox popup: type two letters to get the
 * titles of items you may see; Arrow keys move through them (Down reopens a closed list), Enter picks one, Escape
 * closes the list. The results come from the search app's JSON endpoint, which applies the same visibility rules as
 * the search page. Loaded (deferred) on every page for the header's search box; "data-autocomplete-status" holds the
 * translated sentence read to screen readers when suggestions arrive ("{count}" is replaced by their number).
 */
(function () {
  "use strict";

  var DELAY_MS = 200;
  var MIN_CHARS = 2;
  var counter = 0;

  function enhance(input) {
    if (input.hasAttribute("data-autocomplete-ready")) {
      return;
    }
    input.setAttribute("data-autocomplete-ready", "");
    counter += 1;
    var listId = "autocomplete-list-" + counter;
    var list = document.createElement("ul");
    var status = document.createElement("div");
    var timer = null;
    var active = -1;
    var lastQuery = "";
    var controller = null;

    list.id = listId;
    list.className = "autocomplete__list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.labels && input.labels.length ? input.labels[0].textContent : "");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.parentNode.classList.add("autocomplete");
    input.parentNode.appendChild(list);
    input.parentNode.appendChild(status);

    function options() {
      return list.querySelectorAll("[role=option]");
    }

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      var items = options();
      if (!items.length) {
        return;
      }
      active = (index + items.length) % items.length;
      for (var i = 0; i < items.length; i += 1) {
        items[i].setAttribute("aria-selected", i === active ? "true" : "false");
      }
      input.setAttribute("aria-activedescendant", items[active].id);
    }

    function choose(item) {
      input.value = item.textContent;
      close();
      if (input.form) {
        input.form.submit();
      }
    }

    function show(titles) {
      list.textContent = "";
      titles.forEach(function (title, index) {
        var option = document.createElement("li");
        option.id = listId + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = title;
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(option);
        });
        list.appendChild(option);
      });
      var sentence = input.getAttribute("data-autocomplete-status") || "{count}";
      status.textContent = titles.length ? sentence.replace("{count}", String(titles.length)) : "";
      if (titles.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) {
        return;
      }
      lastQuery = query;
      if (query.length < MIN_CHARS) {
        show([]);
        return;
      }
      if (controller) {
        controller.abort();
      }
      controller = new AbortController();
      var url = input.getAttribute("data-autocomplete-url") + "?q=" + encodeURIComponent(query);
      fetch(url, { credentials: "same-origin", signal: controller.signal, headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (data) {
          show(data.suggestions || []);
        })
        .catch(function () {
          /* Aborted or offline: the plain form still works. */
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) {
        if (event.key === "ArrowDown" && options().length) {
          event.preventDefault();
          list.hidden = false;
          input.setAttribute("aria-expanded", "true");
          highlight(0);
        }
        return;
      }
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight(active + 1);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active - 1);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(options()[active]);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () {
      window.setTimeout(close, 100);
    });
  }

  document.querySelectorAll("input[data-autocomplete-url]").forEach(enhance);
})();
