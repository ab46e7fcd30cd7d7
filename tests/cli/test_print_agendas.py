"""`print-agendas`: the registration desk's booklet from the command line."""

from tests.conftest import EXAMPLE_INSTANCE
from tests.test_cli import cli  # noqa: F401
from tests.web.test_interpreter_agendas import pdf_pages


def test_print_agendas_writes_the_booklet_and_refuses_an_unknown_event(cli, tmp_path):
    code, out, _ = cli("import-event", EXAMPLE_INSTANCE)
    event_id = int(out.strip().splitlines()[-1])
    booklet = tmp_path / "agendas.pdf"
    code, out, _ = cli("print-agendas", event_id, "-o", booklet)
    assert code == 0 and str(booklet) in out
    contents, *sections = pdf_pages(tmp_path, booklet.read_bytes())
    assert "Company agendas" in contents and sections

    code, _, err = cli("print-agendas", event_id + 1, "-o", tmp_path / "none.pdf")
    assert code == 2 and err.startswith("error:") and not (tmp_path / "none.pdf").exists()
