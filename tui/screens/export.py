"""The export modal: TMX, TSV, XLIFF or XLSX with the export options, written in a worker
thread.

The writing itself is ``align.export.export`` (one writer per format lives in the engine);
this screen only gathers the choices and shows the summary it returns. It is a form a
person reads: each option has a label in words, choices are radio buttons or a select
with the default shown, empty fields say what empty means, and the form scrolls while
the Export and Close buttons stay on screen in a small terminal. Options are still built
from the fields of ``ExportOptions`` (a yes/no field a checkbox, any other an input), so
a new option appears here without a change to this file; :data:`LABELS` words it.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Select

from align.export import FORMATS, ExportOptions, export
from align.model import LEVELS, Alignment

LABELS = {
    "level": "Level",
    "min_score": "Leave out links scored below",
    "only_confirmed": "Only links a person confirmed or edited",
    "langs": "Languages (source, target)",
    "context": "With each unit, the source segments before and after (context)",
}
"""Each option as a translator reads it; an option not listed is named by its field."""

DEFAULT = "default"
"""The level select's value for "the project's own level" (the option's None)."""


def label_of(name: str) -> str:
    return LABELS.get(name, name.replace("_", " ").capitalize())


def option_fields() -> list[dataclasses.Field]:
    return list(dataclasses.fields(ExportOptions))


def parse_value(raw: str, annotation: str, default: Any) -> Any:
    """A typed option value from the text a user typed (empty: None when allowed)."""
    if not raw:
        return None if default is None or "None" in annotation else default
    if "tuple" in annotation:
        return tuple(part for part in raw.replace(",", " ").split())
    if "float" in annotation:
        return float(raw)
    if "int" in annotation:
        return int(raw)
    return raw


class ExportScreen(ModalScreen[str | None]):
    """Dismissed with the export summary once written, or None (escape)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, alignment: Alignment, stem: str, directory: Path) -> None:
        super().__init__()
        self.alignment = alignment
        self.stem = stem
        self.directory = directory

    def placeholder(self, name: str) -> str:
        """What an empty field means, in the form's words."""
        source, target = self.alignment.source.lang, self.alignment.target.lang
        return {"min_score": "empty: keep every link (0–1)",
                "langs": f"empty: the project's ({source} {target})",
                }.get(name, "empty: the default")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="export-dialog"):
            yield Label("Export the alignment", classes="dialog-title")
            with VerticalScroll(id="export-form"):
                yield Label("Format", classes="form-label")
                with RadioSet(id="format", classes="form-field"):
                    for n, fmt in enumerate(FORMATS):
                        yield RadioButton(fmt.upper(), value=n == 0, id=f"fmt-{fmt}")
                yield Label("File", classes="form-label")
                yield Input(str(self.directory / f"{self.stem}.tmx"), id="path",
                            classes="form-field", compact=True)
                defaults = ExportOptions()
                for field in option_fields():
                    value = getattr(defaults, field.name)
                    if isinstance(value, bool):
                        yield Checkbox(label_of(field.name), value, id=f"opt-{field.name}",
                                       classes="form-check")
                        continue
                    yield Label(label_of(field.name), classes="form-label")
                    if field.name == "level":
                        own = self.alignment.level
                        yield Select([(f"the project's ({own})", DEFAULT)]
                                     + [(level, level) for level in LEVELS],
                                     value=DEFAULT, allow_blank=False, id="opt-level",
                                     classes="form-field", compact=True)
                    else:
                        yield Input("" if value is None else str(value),
                                    placeholder=self.placeholder(field.name),
                                    id=f"opt-{field.name}", classes="form-field",
                                    compact=True)
            yield Label("", id="export-status")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", id="do-export", variant="primary", compact=True)
                yield Button("Close", id="close", compact=True)

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = getattr(self.app, "cursor_blink", True)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        fmt = FORMATS[event.index]
        path = self.query_one("#path", Input)
        path.value = str(Path(path.value).with_suffix(f".{fmt}"))

    def chosen_format(self) -> str:
        index = self.query_one("#format", RadioSet).pressed_index
        return FORMATS[max(index, 0)]

    def options(self) -> Any:
        """ExportOptions from the form (values typed as the defaults are)."""
        defaults = ExportOptions()
        values: dict[str, Any] = {}
        for field in option_fields():
            default = getattr(defaults, field.name)
            if isinstance(default, bool):
                values[field.name] = self.query_one(f"#opt-{field.name}", Checkbox).value
                continue
            if field.name == "level":
                level = self.query_one("#opt-level", Select).value
                values["level"] = None if level == DEFAULT else level
                continue
            raw = self.query_one(f"#opt-{field.name}", Input).value.strip()
            values[field.name] = parse_value(raw, str(field.type), default)
        return ExportOptions(**values)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "close":
            self.dismiss(None)
            return
        status = self.query_one("#export-status", Label)
        try:
            options = self.options()
        except (TypeError, ValueError) as error:
            status.update(f"✖ {error}")
            return
        name = self.query_one("#path", Input).value.strip()
        if not name or Path(name).is_dir():
            status.update("✖ give the file to write (a name, not a folder)")
            return
        status.update("writing…")
        self.query_one("#do-export", Button).disabled = True
        path, fmt = Path(name), self.chosen_format()
        from tui.screens.confirm import ask_before_overwrite

        ask_before_overwrite(self, path, lambda: self.run_export(path, fmt, options),
                             lambda: self.failed(f"not exported: {path.name} is kept"))

    @work(thread=True, exclusive=True, group="export")
    def run_export(self, path: Path, fmt: str, options: Any) -> None:
        """Write in a thread: a 10,000-link TMX must not freeze the screen."""
        try:
            summary = export(self.alignment, path, fmt, options)
        except Exception as error:  # shown to the user; the modal stays open
            self.app.call_from_thread(self.failed, str(error))
            return
        self.app.call_from_thread(self.dismiss, summary)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a field exports, as the Export button does."""
        event.stop()
        self.query_one("#do-export", Button).press()

    def failed(self, message: str) -> None:
        self.query_one("#export-status", Label).update(f"✖ {message}")
        self.query_one("#do-export", Button).disabled = False

    def action_cancel(self) -> None:
        self.dismiss(None)
