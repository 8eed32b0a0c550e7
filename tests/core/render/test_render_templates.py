"""House templates through docxtpl: validation names what is wrong, in Vietnamese."""

import io

import pytest
from docx import Document

from danvan.core.render.templates import (
    TEMPLATE_PLACEHOLDERS,
    TemplateError,
    render_sandboxed,
    render_with_template,
    template_context,
    validate_template,
)
from tests.core.render.render_builders import make_spec


def make_template(*paragraphs: str, header: str | None = None) -> bytes:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    if header is not None:
        doc.sections[0].header.paragraphs[0].text = header
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def texts(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


HOUSE = make_template(
    "{{ co_quan_ban_hanh }}",
    "Số: {{ so_ky_hieu }}",
    "{{ dia_danh_ngay }}",
    "{{ ten_loai }}",
    "{{ trich_yeu }}",
    "{%p for doan in noi_dung %}",
    "{{ doan }}",
    "{%p endfor %}",
    "{%p for dong in noi_nhan %}",
    "{{ dong }}",
    "{%p endfor %}",
    "{{ nguoi_ky }}",
)


def test_a_house_template_is_filled_from_a_spec():
    data = render_with_template(HOUSE, template_context(make_spec("ke_hoach")))
    lines = texts(data)
    assert lines[:5] == [
        "TRUNG TÂM DỊCH VỤ VIỆC LÀM SƠN LA",
        "Số: 130/KH-TTDVVL",
        "Sơn La, ngày 09 tháng 3 năm 2022",
        "KẾ HOẠCH",
        "Triển khai công tác Dân vận - Dân chủ năm 2022",
    ]
    assert "I. KẾT QUẢ THỰC HIỆN" in lines
    assert "- Lưu: VT, HCTH." in lines
    assert lines[-1] == "Lò Thị Anh Hoa"


def test_the_context_offers_exactly_the_documented_placeholders():
    assert set(template_context(make_spec("bao_cao"))) == set(TEMPLATE_PLACEHOLDERS)


def test_validation_lists_the_placeholders_a_template_uses():
    assert validate_template(HOUSE) == {
        "co_quan_ban_hanh",
        "so_ky_hieu",
        "dia_danh_ngay",
        "ten_loai",
        "trich_yeu",
        "noi_dung",
        "noi_nhan",
        "nguoi_ky",
    }


def test_values_with_xml_characters_are_escaped_not_breaking_the_docx():
    data = render_with_template(make_template("{{ trich_yeu }}"), {"trich_yeu": "A & B <C>"})
    assert texts(data) == ["A & B <C>"]


@pytest.mark.parametrize(
    "paragraphs, tag",
    [
        (("Kính gửi {{ ten_loai", "tiếp theo"), "{{ ten_loai"),
        (("{{ ten_loai }} số {{ so_ky_hieu }",), "{{ so_ky_hieu }"),
        (("{{ ten loai }}",), "{{ ten loai }}"),
        (("{% for x in noi_nhan %}{{ x }}",), "{% for x in noi_nhan %}"),
    ],
)
def test_a_broken_tag_is_named_in_the_error(paragraphs, tag):
    with pytest.raises(TemplateError) as err:
        validate_template(make_template(*paragraphs))
    assert f"Thẻ lỗi: “{tag}”" in err.value.message_vi
    assert err.value.message_vi.startswith("Mẫu văn bản có thẻ viết sai ở phần nội dung")


def test_a_broken_tag_in_the_page_header_is_located_there():
    with pytest.raises(TemplateError) as err:
        validate_template(make_template("x", header="Trang {{ nam }"))
    assert "ở phần đầu trang" in err.value.message_vi
    assert "“{{ nam }”" in err.value.message_vi


def test_an_unknown_placeholder_is_named_in_the_error():
    with pytest.raises(TemplateError) as err:
        validate_template(make_template("{{ ten_don_vi }} và {{ trich_yeu }}"))
    assert "{{ ten_don_vi }}" in err.value.message_vi
    assert "trich_yeu }}" not in err.value.message_vi.split("Các trường")[0]


def test_a_loop_variable_is_not_an_unknown_placeholder():
    assert validate_template(make_template("{% for x in kinh_gui %}{{ x }}{% endfor %}")) == {
        "kinh_gui"
    }


def test_a_value_missing_from_the_context_is_an_error_not_a_blank():
    with pytest.raises(TemplateError) as err:
        render_with_template(make_template("{{ trich_yeu }} {{ nam }}"), {"trich_yeu": "x"})
    assert "{{ nam }}" in err.value.message_vi


def test_a_missing_attribute_is_an_error_not_a_blank():
    with pytest.raises(TemplateError) as err:
        render_sandboxed(make_template("{{ trich_yeu.khong_co }}"), {"trich_yeu": "x"})
    assert err.value.message_vi.startswith("Mẫu văn bản dùng “khong_co”")


def test_a_file_that_is_not_a_docx_is_refused():
    with pytest.raises(TemplateError, match="không phải tệp Word"):
        validate_template(b"%PDF-1.4 not a docx")


def test_every_placeholder_has_a_vietnamese_description():
    assert all(desc.strip() for desc in TEMPLATE_PLACEHOLDERS.values())
    assert all(name.isidentifier() for name in TEMPLATE_PLACEHOLDERS)
