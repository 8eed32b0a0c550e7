"""A house template is untrusted code: every known Jinja escape is refused at upload,
naming the tag in Vietnamese, and stays inert if it reaches the renderer anyway."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from docx import Document

from danvan.core.render.templates import (
    TemplateError,
    plain_data,
    render_sandboxed,
    render_with_template,
    validate_template,
)
from tests.core.render.test_render_templates import make_template, texts

FINE = {"{% for x in noi_nhan %}", "{% endfor %}", "{{ nam }}", "{{ c }}", "{{ x }}"}
CONTEXT = {"trich_yeu": "Báo cáo", "nam": "2022", "noi_nhan": ["- Lưu: VT."]}

# Each payload writes MARK (replaced by a path under tmp_path) if it ever runs.
PAYLOADS = [
    "{{ cycler.__init__.__globals__.os.system('touch MARK') }}",
    "{{ lipsum.__globals__['os'].popen('touch MARK').read() }}",
    "{{ lipsum.__globals__.__builtins__.open('MARK', 'w').write('x') }}",
    "{{ self.__init__.__globals__.__builtins__.__import__('os').system('touch MARK') }}",
    "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.system('touch MARK') }}",
    "{{ namespace.__init__.__globals__.os.system('touch MARK') }}",
    "{{ joiner.__init__.__globals__.os.system('touch MARK') }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ trich_yeu.__class__.__mro__[1].__subclasses__() }}",
    "{{ trich_yeu.__class__.__base__.__subclasses__()[0]('touch MARK', shell=True) }}",
    "{{ trich_yeu|attr('__class__')|attr('__mro__') }}",
    "{{ (trich_yeu|attr('__class__')).__mro__[1].__subclasses__() }}",
    "{{ '{0.__class__.__mro__}'.format(trich_yeu) }}",
    "{{ '{0.__init__.__globals__}'.format(cycler) }}",
    "{{ trich_yeu.format_map({}) }}",
    "{{ '%s' % trich_yeu.__class__ }}",
    "{{ trich_yeu['__class__'] }}",
    "{{ trich_yeu ~ nam }}",
    "{{ range(10**9)|list }}",
    "{% for c in ''.__class__.__mro__[1].__subclasses__() %}{{ c }}{% endfor %}",
    "{% for c in noi_nhan if c.__class__ %}{{ c }}{% endfor %}",
    "{% if cycler.__init__.__globals__.os.system('touch MARK') %}x{% endif %}",
    "{% set x = cycler.__init__.__globals__ %}{{ x }}",
    "{% with x = lipsum.__globals__ %}{{ x }}{% endwith %}",
    "{% macro m() %}{{ self.__init__ }}{% endmacro %}{{ nam }}",
    "{% filter upper %}{{ nam }}{% endfilter %}",
    "{% include 'x.xml' %}",
    "{% import 'os' as o %}{{ nam }}",
    "{% for x in noi_nhan %}{{ loop.__class__ }}{% endfor %}",
]


def _payload(payload: str, tmp_path: Path) -> str:
    return payload.replace("MARK", str(tmp_path / "pwned"))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_escape_payload_is_refused_at_upload_naming_the_tag(payload, tmp_path):
    tag = _payload(payload, tmp_path)
    with pytest.raises(TemplateError) as err:
        validate_template(make_template("Kính gửi", tag))
    message = err.value.message_vi
    assert message.startswith("Mẫu văn bản có thẻ không được phép ở phần nội dung: “")
    culprits = [t for t in re.findall(r"\{\{.*?\}\}|\{%.*?%\}", tag) if t not in FINE]
    assert culprits[0] in message
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_escape_payload_is_inert_when_rendered_directly(payload, tmp_path):
    template = make_template(_payload(payload, tmp_path))
    try:
        out = "\n".join(texts(render_sandboxed(template, CONTEXT)))
    except TemplateError as err:
        out = err.message_vi
    assert not (tmp_path / "pwned").exists()
    for leak in ("<class", "<function", "<module", "__globals__", "subprocess", "Popen"):
        assert leak not in out


@pytest.mark.parametrize(
    "part",
    ["header", "footnote-like core title", "core subject", "core comments"],
)
def test_payloads_outside_the_body_are_refused_too(part, tmp_path):
    payload = _payload(PAYLOADS[0], tmp_path)
    doc = Document()
    doc.add_paragraph("{{ trich_yeu }}")
    if part == "header":
        doc.sections[0].header.paragraphs[0].text = payload
    else:
        setattr(doc.core_properties, part.split()[-1], payload)
    buf = io.BytesIO()
    doc.save(buf)
    with pytest.raises(TemplateError) as err:
        validate_template(buf.getvalue())
    assert "không được phép" in err.value.message_vi
    with pytest.raises(TemplateError):
        render_with_template(buf.getvalue(), CONTEXT)
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize(
    "paragraphs",
    [
        ("{{ trich_yeu }}", "{{ nam }}"),
        ("{%p for x in noi_nhan %}", "{{ x }}", "{%p endfor %}"),
        ("{% for x in noi_nhan %}{{ x }}{% else %}không có{% endfor %}",),
        ("{% if ket_luan %}{{ ket_luan }}{% elif nam %}{{ nam }}{% else %}-{% endif %}",),
        ("{% if not co_quan_chu_quan %}không có{% endif %}",),
        ("{% for x in noi_dung %}{% if x %}{{ x }}{% endif %}{% endfor %}",),
        ("{%- for x in kinh_gui -%} {{- x -}} {%- endfor -%}",),
    ],
)
def test_the_three_allowed_shapes_still_pass(paragraphs):
    assert validate_template(make_template(*paragraphs))


@pytest.mark.parametrize(
    "tag",
    [
        "{% for x in trich_yeu %}{{ x }}{% endfor %}",  # not a list placeholder
        "{% for x in noi_nhan %}{% for y in x %}{{ y }}{% endfor %}{% endfor %}",
        "{% for x in noi_nhan recursive %}{{ x }}{% endfor %}",
        "{% if nam == '2022' %}x{% endif %}",
        "{% if nam is defined %}x{% endif %}",
    ],
)
def test_for_and_if_are_limited_to_listed_fields(tag):
    with pytest.raises(TemplateError, match="không được phép"):
        validate_template(make_template(tag))


class _Model:
    pk = 1


@pytest.mark.parametrize("value", [_Model(), print, lambda: 1, {1: "x"}, {"a": [object()]}])
def test_the_renderer_accepts_plain_data_only(value):
    with pytest.raises(TypeError):
        plain_data({"trich_yeu": value})


def test_a_markup_value_is_escaped_like_any_string():
    from markupsafe import Markup

    data = render_sandboxed(make_template("{{ trich_yeu }}"), {"trich_yeu": Markup("A & B")})
    assert texts(data) == ["A & B"]


def test_no_other_module_renders_jinja_outside_the_sandbox():
    """The class guard: Jinja and docxtpl are used in one module, through the sandbox."""
    src = Path(__file__).resolve().parents[3] / "src" / "danvan"
    users = sorted(
        str(path.relative_to(src))
        for path in src.rglob("*.py")
        if re.search(r"^\s*(from|import)\s+(jinja2|docxtpl)\b", path.read_text(), re.M)
    )
    assert users == ["core/render/templates.py"]
    text = (src / "core/render/templates.py").read_text()
    assert "jinja2.Environment(" not in text and "Template(" not in text.replace(
        "DocxTemplate(", ""
    )
    assert text.count(".render(") == 1 and "jinja_env=_environment()" in text
