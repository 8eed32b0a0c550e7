"""House templates: admin-uploaded DOCX files with Jinja placeholders (docxtpl).

An uploaded template is untrusted code, so it is held twice:
- validate_template() runs at upload time and walks the Jinja syntax tree of
  every part docxtpl renders (body, headers, footers, footnotes, file
  properties). Only three shapes pass: a listed placeholder ``{{ ten }}``, a
  ``{% for x in danh_sach %}`` over a listed list and an ``{% if ten %}`` on a
  listed field. Anything else (attributes, calls, filters, ``set``, ``macro``
  ...) is refused with the offending tag named in Vietnamese.
- render_sandboxed() fills a template in Jinja's ImmutableSandboxedEnvironment
  with no globals, filters or tests, from a context of plain data only (str,
  numbers, bool, None, lists and dicts of those), so even a template that
  skipped validation cannot reach Python internals.
render_with_template() does both and renders with StrictUndefined, so a missing
value is an error, never a blank. TEMPLATE_PLACEHOLDERS is what the app shows
the admin; template_context() builds those values from a DocumentSpec.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import jinja2
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2 import meta, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from danvan.core.dates import format_date_long
from danvan.core.render.document import (
    date_line,
    end_lines,
    heading_label,
    recipient_lines,
    signer_lines,
    upper_vi,
)
from danvan.core.render.model import (
    Article,
    DocumentSpec,
    FigureParagraph,
    Heading,
    Paragraph,
    Table,
)
from danvan.core.text import collapse_ws

TEMPLATE_PLACEHOLDERS: dict[str, str] = {
    "co_quan_chu_quan": "Tên cơ quan chủ quản, chữ in hoa (có thể để trống)",
    "co_quan_ban_hanh": "Tên cơ quan ban hành, chữ in hoa",
    "ten_co_quan": "Tên cơ quan ban hành viết thường, dùng trong câu văn",
    "so_ky_hieu": "Số và ký hiệu văn bản, ví dụ 130/KH-TTDVVL",
    "dia_danh": "Địa danh ban hành, ví dụ Sơn La",
    "ngay_thang_nam": "Ngày ban hành viết đầy đủ, ví dụ ngày 09 tháng 3 năm 2022",
    "dia_danh_ngay": "Địa danh và ngày ban hành, ví dụ Sơn La, ngày 09 tháng 3 năm 2022",
    "nam": "Năm ban hành, ví dụ 2022",
    "ten_loai": "Tên loại văn bản, chữ in hoa, ví dụ BÁO CÁO",
    "trich_yeu": "Trích yếu nội dung văn bản",
    "kinh_gui": "Danh sách nơi được kính gửi (dùng trong vòng lặp {% for x in kinh_gui %})",
    "can_cu": "Danh sách căn cứ ban hành, mỗi dòng đã có dấu “;” hoặc “.” ở cuối",
    "noi_dung": "Danh sách các đoạn nội dung, đề mục đã đánh số (I., 1., a))",
    "ket_luan": "Câu kết thúc văn bản, đã có dấu “./.” ở cuối (có thể để trống)",
    "chuc_vu_ky": "Danh sách các dòng thẩm quyền, chức vụ người ký, chữ in hoa (ví dụ KT. GIÁM ĐỐC)",
    "nguoi_ky": "Họ và tên người ký",
    "noi_nhan": "Danh sách dòng nơi nhận, đã có “- ” ở đầu và “;” hoặc “.” ở cuối",
}

# The placeholders holding lists: the only ones a {% for %} may walk.
TEMPLATE_LISTS = frozenset({"kinh_gui", "can_cu", "noi_dung", "chuc_vu_ky", "noi_nhan"})

_UNDEFINED = re.compile(r"'([^']+)' is undefined")
_NO_ATTRIBUTE = re.compile(r"has no attribute '([^']+)'")
_OPEN = re.compile(r"\{\{|\{%")
_STATEMENT = re.compile(r"\{%.*?%\}")
_ANY_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
# docxtpl's paragraph/row/cell/run prefixes ({%p for ...%}); only used to read a tag alone.
_DOCXTPL_PREFIX = re.compile(r"^(\{[{%]-?)(?:p|tr|tc|r)\s")
_CORE_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


class TemplateError(ValueError):
    """The template cannot be used; ``message_vi`` names the problem for the admin."""

    def __init__(self, message_vi: str) -> None:
        super().__init__(message_vi)
        self.message_vi = message_vi


def _environment() -> ImmutableSandboxedEnvironment:
    """The sandbox: no globals (cycler, lipsum, namespace, range...), filters, tests or files."""
    env = ImmutableSandboxedEnvironment(
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        loader=jinja2.DictLoader({}),  # include/import/extends find nothing
    )
    env.globals.clear()
    env.filters.clear()
    env.tests.clear()
    return env


class _Refused(Exception):
    """A syntax-tree node outside the three allowed shapes."""


def _is_field(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Name) and node.ctx == "load"


def _check_body(body: list[nodes.Node]) -> None:
    """Raise _Refused unless every node is text, a field, a for over a list or an if."""
    for node in body:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if not (isinstance(child, nodes.TemplateData) or _is_field(child)):
                    raise _Refused
        elif isinstance(node, nodes.For):
            if not (
                isinstance(node.target, nodes.Name)
                and isinstance(node.iter, nodes.Name)
                and node.iter.name in TEMPLATE_LISTS
                and node.test is None
                and not node.recursive
            ):
                raise _Refused
            _check_body(node.body)
            _check_body(node.else_)
        elif isinstance(node, nodes.If):
            test = node.test.node if isinstance(node.test, nodes.Not) else node.test
            if not _is_field(test):
                raise _Refused
            _check_body(node.body)
            for branch in node.elif_:
                _check_body([branch])
            _check_body(node.else_)
        else:
            raise _Refused


def _allowed(source: str, env: jinja2.Environment) -> bool:
    try:
        _check_body(env.parse(source).body)
    except _Refused:
        return False
    return True


def _tag_alone_allowed(tag: str, env: jinja2.Environment) -> bool:
    """Whether one tag, read on its own, has an allowed shape (for naming the culprit)."""
    tag = _DOCXTPL_PREFIX.sub(r"\1 ", tag)
    try:
        if tag.startswith("{{"):
            return _allowed(tag, env)
        words = [value for _line, kind, value in env.lex(tag) if kind == "name"]
        keyword = words[0] if words else ""
        if keyword in ("endfor", "endif", "else") and len(words) == 1:
            return True
        closing = {
            "for": tag + "{% endfor %}",
            "if": tag + "{% endif %}",
            "elif": "{% if nam %}" + tag + "{% endif %}",
        }.get(keyword)
        return closing is not None and _allowed(closing, env)
    except jinja2.TemplateSyntaxError:
        return True  # a syntax problem is named by _broken_tag, not here


def _refused_tag(plain: str, env: jinja2.Environment) -> str | None:
    for found in _ANY_TAG.finditer(plain):
        if not _tag_alone_allowed(found.group(), env):
            return collapse_ws(found.group())
    return None


def _refusal(label: str, tag: str | None) -> TemplateError:
    where = f"Mẫu văn bản có thẻ không được phép ở phần {label}"
    what = f": “{tag}”." if tag else " (thẻ nằm trong phần định dạng của tệp Word)."
    return TemplateError(
        f"{where}{what} Mẫu chỉ được dùng trường trong danh sách dạng {{{{ ten_truong }}}}, "
        f"vòng lặp {{% for x in danh_sach %}} … {{% endfor %}} trên một trường danh sách "
        f"({', '.join(sorted(TEMPLATE_LISTS))}) và điều kiện {{% if ten_truong %}} … "
        f"{{% endif %}}; không được dùng thuộc tính, hàm, bộ lọc hay lệnh khác."
    )


def _open(template_bytes: bytes) -> DocxTemplate:
    try:
        tpl = DocxTemplate(io.BytesIO(template_bytes))
        tpl.init_docx()
    except Exception:
        raise TemplateError(
            "Tệp mẫu không đọc được: đây không phải tệp Word (.docx) hợp lệ."
        ) from None
    return tpl


def _paragraph_texts(element: Any) -> str:
    """Text of an XML part, one line per Word paragraph, runs joined as Word shows them."""
    lines = []
    for p in element.iter(qn("w:p")):
        lines.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
    return "\n".join(lines)


def _sources(tpl: DocxTemplate) -> Iterator[tuple[str, str, str]]:
    """(part label, Jinja source as docxtpl renders it, plain text) for every part
    docxtpl renders: body, headers, footers, footnotes and the file properties."""
    body = tpl.docx._element.body
    yield "nội dung", tpl.patch_xml(tpl.get_xml()), _paragraph_texts(body)
    for uri, label in ((tpl.HEADER_URI, "đầu trang"), (tpl.FOOTER_URI, "chân trang")):
        for _key, part in tpl.get_headers_footers(uri):
            xml = tpl.get_part_xml(part)
            yield label, tpl.patch_xml(xml), _paragraph_texts(parse_xml(part.blob))
    for part in tpl.docx.part.package.parts:
        if part.content_type == _FOOTNOTES:
            blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
            yield "chú thích", tpl.patch_xml(blob), _paragraph_texts(parse_xml(part.blob))
    for prop in _CORE_PROPERTIES:
        value = getattr(tpl.docx.core_properties, prop) or ""
        yield "thuộc tính tệp", value, value


def _broken_tag(text: str, env: jinja2.Environment) -> str | None:
    """The first tag in ``text`` never closed in its paragraph, or not parsing on its own."""
    pos = 0
    while True:
        found = _OPEN.search(text, pos)
        if found is None:
            return None
        start = found.start()
        closer = "}}" if found.group() == "{{" else "%}"
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        end = text.find(closer, start + 2, line_end)
        nxt = _OPEN.search(text, start + 2, line_end)
        if end < 0 or (nxt is not None and nxt.start() < end):
            stop = min(line_end, nxt.start() if nxt is not None else line_end, start + 40)
            return collapse_ws(text[start:stop])
        fragment = text[start : end + 2]
        if closer == "}}":
            try:
                env.parse(fragment)
            except jinja2.TemplateSyntaxError:
                return collapse_ws(fragment)
        pos = end + 2


def _syntax_error(
    label: str, plain: str, env: jinja2.Environment, exc: jinja2.TemplateSyntaxError
) -> TemplateError:
    tag = _broken_tag(plain, env)
    if tag is None:
        # Block tags ({% for %} without {% endfor %}) only fail as a whole.
        tag = next((m.group() for m in _STATEMENT.finditer(plain)), None)
    what = f" Thẻ lỗi: “{tag}”." if tag else ""
    return TemplateError(
        f"Mẫu văn bản có thẻ viết sai ở phần {label}.{what} "
        f"Trường phải viết dạng {{{{ ten_truong }}}}, lệnh dạng {{% for x in danh_sach %}} … "
        f"{{% endfor %}} (chi tiết: {exc.message})."
    )


def validate_template(template_bytes: bytes) -> set[str]:
    """Placeholders the template uses; TemplateError for a broken tag, a tag outside
    the allowed shapes or an unknown name."""
    tpl = _open(template_bytes)
    env = _environment()
    used: set[str] = set()
    for label, source, plain in _sources(tpl):
        try:
            tree = env.parse(source)
        except jinja2.TemplateSyntaxError as exc:
            raise _syntax_error(label, plain, env, exc) from None
        try:
            _check_body(tree.body)
        except _Refused:
            raise _refusal(label, _refused_tag(plain, env)) from None
        used |= meta.find_undeclared_variables(tree)
    unknown = sorted(used - TEMPLATE_PLACEHOLDERS.keys())
    if unknown:
        names = ", ".join(f"{{{{ {n} }}}}" for n in unknown)
        raise TemplateError(
            f"Mẫu văn bản dùng trường không có trong danh sách: {names}. "
            f"Các trường được dùng: {', '.join(sorted(TEMPLATE_PLACEHOLDERS))}."
        )
    return used


def plain_data(value: Any) -> Any:
    """``value`` as plain data (str, int, float, Decimal, bool, None, lists, str-keyed
    dicts); TypeError for anything else (a model instance, a function...)."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, str):
        return str.__str__(value)  # a str subclass (Markup) becomes a plain str
    if isinstance(value, list | tuple):
        return [plain_data(v) for v in value]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {str.__str__(k): plain_data(v) for k, v in value.items()}
    raise TypeError(f"template context must be plain data, got {type(value).__name__}")


def render_with_template(template_bytes: bytes, context: dict[str, Any]) -> bytes:
    """Fill a house template; TemplateError names the broken tag or the missing value."""
    used = validate_template(template_bytes)
    missing = sorted(used - context.keys())
    if missing:
        raise TemplateError(
            "Thiếu giá trị cho trường: " + ", ".join(f"{{{{ {n} }}}}" for n in missing) + "."
        )
    return render_sandboxed(template_bytes, context)


def render_sandboxed(template_bytes: bytes, context: dict[str, Any]) -> bytes:
    """Fill a template in the sandbox, without the upload checks (render_with_template
    runs them first). Whatever the template says, it sees only ``context`` as plain data."""
    data = plain_data(context)
    tpl = _open(template_bytes)
    try:
        tpl.render(data, jinja_env=_environment(), autoescape=True)
    except jinja2.UndefinedError as exc:
        message = str(exc)
        attribute = _NO_ATTRIBUTE.search(message)
        if attribute:
            raise TemplateError(
                f"Mẫu văn bản dùng “{attribute.group(1)}”, một thuộc tính mà giá trị được điền không có."
            ) from None
        found = _UNDEFINED.search(message)
        name = found.group(1) if found else message
        raise TemplateError(f"Thiếu giá trị cho trường “{name}” trong mẫu văn bản.") from None
    except SecurityError:
        raise TemplateError("Mẫu văn bản có lệnh không được phép; mẫu không được dùng.") from None
    except jinja2.TemplateError:
        raise TemplateError(
            "Không điền được mẫu văn bản: mẫu có thẻ không hợp lệ; hãy tải lên lại mẫu."
        ) from None
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def body_texts(spec: DocumentSpec) -> list[str]:
    """The body as plain paragraphs, headings numbered as render_docx numbers them."""
    texts: list[str] = []
    counters = [0, 0, 0]
    articles = 0
    for block in spec.body:
        if isinstance(block, Heading):
            texts.append(heading_label(block, counters))
        elif isinstance(block, Paragraph | FigureParagraph):
            texts.append(collapse_ws(block.text))
        elif isinstance(block, Article):
            articles += 1
            texts.append(collapse_ws(f"Điều {articles}. {block.title}"))
            texts.extend(collapse_ws(t) for t in block.text)
        elif isinstance(block, Table):
            if block.caption:
                texts.append(collapse_ws(block.caption))
            for row in (*block.header_rows, *block.rows):
                texts.append(" | ".join(collapse_ws(c) for c in row))
    return texts


def template_context(spec: DocumentSpec) -> dict[str, Any]:
    """Every TEMPLATE_PLACEHOLDERS value for ``spec``."""
    issued = spec.issued_on
    closing = collapse_ws(spec.closing or "").rstrip(" .")
    return {
        "co_quan_chu_quan": upper_vi(collapse_ws(spec.issuer.governing_body or "")),
        "co_quan_ban_hanh": upper_vi(collapse_ws(spec.issuer.name)),
        "ten_co_quan": collapse_ws(spec.issuer.name),
        "so_ky_hieu": spec.symbol,
        "dia_danh": collapse_ws(spec.place),
        "ngay_thang_nam": format_date_long(issued) if issued else "ngày ... tháng ... năm",
        "dia_danh_ngay": date_line(spec),
        "nam": str(issued.year) if issued else str(spec.draft_year or ""),
        "ten_loai": upper_vi(spec.type.name),
        "trich_yeu": collapse_ws(spec.title),
        "kinh_gui": [collapse_ws(k) for k in spec.addressees],
        "can_cu": end_lines(spec.legal_bases),
        "noi_dung": body_texts(spec),
        "ket_luan": f"{closing}./." if closing else "",
        "chuc_vu_ky": signer_lines(spec.signer, spec.issuer.party) if spec.signer else [],
        "nguoi_ky": collapse_ws(spec.signer.name) if spec.signer else "",
        "noi_nhan": recipient_lines(spec),
    }
