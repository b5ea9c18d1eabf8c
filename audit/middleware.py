"""Records every spreadsheet export made in the Wagtail admin (Wagtail's listings and reports export with
``?export=csv|xlsx``), whichever app's listing it came from: exports take personal data out of the system."""

from .models import AuditAction

EXPORT_FORMATS = {"csv", "xlsx"}


class ExportAuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.GET.get("export") in EXPORT_FORMATS
            and response.status_code == 200
            and request.path_info.startswith("/admin/")
        ):
            from .receivers import record

            record(AuditAction.EXPORT, request=request, subject=request.path_info, detail=request.GET["export"])
        return response
