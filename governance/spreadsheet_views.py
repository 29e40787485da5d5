"""The directory's spreadsheets, for the ADOC team: import (preview, then confirm), the past
imports, the empty templates and the exports (governance.spreadsheets does the work)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance import spreadsheets
from governance.forms import ImportForm
from governance.models import (
    DirectoryImport,
    ImportKind,
    Person,
    RepresentationKind,
    SeatMode,
    SeatRole,
)
from governance.models.territory import college_choices, sector_choices, territory_choices
from governance.signals import personal_info_viewed
from infrastructure.access import permission_required
from infrastructure.exports import table_response
from infrastructure.periods import today

MANAGE = "governance.manage_directory"
# Past imports listed on the import page.
RECENT = 20
FILE_NAMES = {
    ImportKind.ORGANISATIONS: "organisations",
    ImportKind.PEOPLE: "personnes",
    ImportKind.SEATS: "sieges",
}


def _kind(slug):
    """The kind named by the URL's French word (organisations, personnes)."""
    for kind, name in FILE_NAMES.items():
        if name == slug:
            return kind
    raise Http404


@permission_required(MANAGE)
def import_start(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            directory_import = spreadsheets.preview(
                form.cleaned_data["kind"], form.cleaned_data["file"], request.user
            )
        except spreadsheets.SpreadsheetError as error:
            form.add_error("file", error.message)
        else:
            return redirect(directory_import)
    return render(
        request,
        "governance/import_start.html",
        {
            "form": form,
            "imports": DirectoryImport.objects.select_related("made_by__person").defer(
                "content", "rows"
            )[:RECENT],
            "file_names": FILE_NAMES,
            "accepted": [
                (_("Sector"), [label for _code, label in sector_choices()]),
                (_("College"), [label for _code, label in college_choices()]),
                (_("MRC"), [label for _code, label in territory_choices()]),
                (_("Represents it as"), RepresentationKind.labels),
                (_("As"), SeatRole.labels),
                (_("How"), SeatMode.labels),
            ],
        },
    )


def _import(pk):
    return get_object_or_404(DirectoryImport.objects.defer("content"), pk=pk)


@permission_required(MANAGE)
def import_detail(request, pk):
    directory_import = _import(pk)
    return render(request, "governance/import_detail.html", {"directory_import": directory_import})


@require_POST
@permission_required(MANAGE)
def import_confirm(request, pk):
    directory_import = _import(pk)
    try:
        done = spreadsheets.confirm(directory_import)
    except spreadsheets.SpreadsheetError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _(
                "The file was imported: %(new)s created, %(update)s updated, %(skip)s unchanged, "
                "%(invalid)s refused."
            )
            % done.counts,
        )
    return redirect(directory_import)


@require_POST
@permission_required(MANAGE)
def import_cancel(request, pk):
    directory_import = _import(pk)
    try:
        spreadsheets.cancel(directory_import)
    except spreadsheets.SpreadsheetError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The import was cancelled; nothing was written."))
    return redirect("governance:import-start")


@permission_required(MANAGE)
def import_template(request, kind, file_format):
    kind = _kind(kind)
    return table_response(spreadsheets.template(kind), f"modele-{FILE_NAMES[kind]}", file_format)


@permission_required(MANAGE)
def directory_export(request, kind, file_format):
    kind = _kind(kind)
    if kind != ImportKind.ORGANISATIONS:
        # People's emails (and phones), hidden ones included: logged (Law 25).
        personal_info_viewed.send(Person, request=request, instance=None)
    table = {
        ImportKind.ORGANISATIONS: spreadsheets.export_organisations,
        ImportKind.PEOPLE: spreadsheets.export_people,
        ImportKind.SEATS: spreadsheets.export_seats,
    }[kind]()
    return table_response(table, f"{FILE_NAMES[kind]}-{today():%Y-%m-%d}", file_format)
