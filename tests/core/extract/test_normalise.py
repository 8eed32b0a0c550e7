"""Unicode forms, legacy Vietnamese encodings and page-break debris."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from danvan.core.extract.normalise import (
    UndecodableText,
    clean_pages,
    decode_text_bytes,
    detect_legacy,
    encode_cp1258,
    fix_ocr_confusions,
    is_vietnamese_syllable,
    join_split_u,
    legacy_font,
    normalise_extracted,
    repair_split_u,
    tcvn3_to_unicode,
    to_nfc,
    unicode_to_tcvn3,
    unicode_to_vni,
    vni_to_unicode,
)

SENTENCE = (
    "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc. "
    "Trung tâm Dịch vụ việc làm Sơn La báo cáo kết quả phong trào thi đua "
    "“Dân vận khéo” 6 tháng đầu năm 2022: tư vấn cho 8.794 lượt người, "
    "giải quyết hồ sơ bảo hiểm thất nghiệp đạt 103% so với kế hoạch."
)
# Every lower-case letter of Vietnamese, each tone on each vowel.
VOWELS = "aăâeêioôơuưy"
TONED = [
    to_nfc(v + t) for v in VOWELS for t in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
]
LETTERS = sorted(set("".join(TONED) + "bcdđghklmnpqrstvx"))


def test_nfc_composes_windows_1258_style_base_letter_and_tone_mark():
    decomposed = "Vie\u0302\u0323t Nam"  # e + circumflex + dot below
    assert to_nfc(decomposed) == "Việt Nam"
    assert len(to_nfc(decomposed)) == len("Việt Nam")


def test_tcvn3_text_as_seen_in_a_unicode_editor_converts_to_vietnamese():
    # The bytes of "Cộng hòa xã hội ..." in TCVN3, shown as Windows-1252.
    assert tcvn3_to_unicode("Céng hßa x· héi chñ nghÜa ViÖt Nam") == (
        "Cộng hòa xã hội chủ nghĩa Việt Nam"
    )
    assert tcvn3_to_unicode("§éc lËp - Tù do - H¹nh phóc") == "Độc lập - Tự do - Hạnh phúc"


def test_tcvn3_in_a_capitals_font_is_upper_cased_after_conversion():
    assert tcvn3_to_unicode("céng hßa x· héi", upper=True) == "CỘNG HÒA XÃ HỘI"


def test_vni_text_converts_to_vietnamese():
    assert vni_to_unicode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") == (
        "Cộng hòa xã hội chủ nghĩa Việt Nam"
    )
    assert vni_to_unicode("ÑOÄC LAÄP - TÖÏ DO - HAÏNH PHUÙC") == "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"
    assert vni_to_unicode("ngöôøi höôùng daãn, chæ thò, kyø yù") == (
        "người hướng dẫn, chỉ thị, kỳ ý"
    )


@settings(max_examples=200)
@given(st.lists(st.sampled_from(LETTERS + [" "]), min_size=1, max_size=40).map("".join))
def test_every_vietnamese_letter_survives_a_vni_round_trip(text):
    assert vni_to_unicode(unicode_to_vni(text)) == to_nfc(text)
    assert vni_to_unicode(unicode_to_vni(text.upper())) == to_nfc(text.upper())


@settings(max_examples=200)
@given(st.lists(st.sampled_from(LETTERS + [" "]), min_size=1, max_size=40).map("".join))
def test_every_lower_case_vietnamese_letter_survives_a_tcvn3_round_trip(text):
    assert tcvn3_to_unicode(unicode_to_tcvn3(text)) == to_nfc(text)


def test_legacy_detection_names_the_encoding_and_leaves_unicode_alone():
    assert detect_legacy(unicode_to_tcvn3(SENTENCE.lower())) == "tcvn3"
    assert detect_legacy(unicode_to_vni(SENTENCE)) == "vni"
    assert detect_legacy(SENTENCE) is None
    assert detect_legacy("Plain ASCII report, 2022.") is None


def test_syllable_check_accepts_real_words_and_rejects_mojibake():
    for word in ("người", "Việt", "khoẻ", "quyết", "nghiêng", "GIÁM", "đốc"):
        assert is_vietnamese_syllable(word), word
    for word in ("Céng", "ngöôøi", "ViÖt", "hßa", "tếxã"):
        assert not is_vietnamese_syllable(word), word


def test_plain_text_bytes_decode_from_every_supported_encoding():
    lower = SENTENCE.lower()
    cases = {
        "utf-8": SENTENCE.encode("utf-8"),
        "utf-8-bom": b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"),
        "utf-16-bom (le)": SENTENCE.encode("utf-16"),
        "utf-16-be-bom": b"\xfe\xff" + SENTENCE.encode("utf-16-be"),
        "windows-1258": encode_cp1258(SENTENCE),
        "vni": unicode_to_vni(SENTENCE).encode("cp1252"),
    }
    for label, data in cases.items():
        text, _encoding = decode_text_bytes(data)
        assert text == SENTENCE, label
    text, encoding = decode_text_bytes(unicode_to_tcvn3(lower).encode("cp1252"))
    assert (text, encoding) == (lower, "tcvn3")


def test_windows_1258_bytes_carry_combining_tone_marks_that_end_up_composed():
    data = encode_cp1258("Việt Nam")
    assert b"\xf2" in data  # the combining dot below of Windows-1258
    text, encoding = decode_text_bytes(data)
    assert encoding == "windows-1258"
    assert text == unicodedata.normalize("NFC", text) == "Việt Nam"


def test_tcvn3_text_saved_as_utf8_is_converted_too():
    data = unicode_to_tcvn3(SENTENCE.lower()).encode("utf-8")
    text, encoding = decode_text_bytes(data)
    assert text == SENTENCE.lower()
    assert encoding == "utf-8+tcvn3"


def test_crlf_line_ends_become_newlines():
    assert decode_text_bytes("Dòng một\r\nDòng hai".encode())[0] == "Dòng một\nDòng hai"


def test_binary_bytes_are_not_taken_for_text():
    import random

    rng = random.Random(1)
    noise = bytes(rng.randrange(256) for _ in range(4000))
    try:
        decode_text_bytes(noise)
    except UndecodableText:
        pass
    else:  # pragma: no cover - the assertion below explains the failure
        raise AssertionError("random bytes decoded as text")


def test_clean_pages_drops_running_headers_and_lone_page_numbers():
    pages = [
        f"Trung tâm Dịch vụ việc làm Sơn La\nNội dung trang {n} về công tác dân vận.\n{n}"
        for n in range(1, 4)
    ]
    text = clean_pages(pages)
    assert "Trung tâm Dịch vụ việc làm" not in text
    assert text.split("\n\n") == [f"Nội dung trang {n} về công tác dân vận." for n in range(1, 4)]


def test_clean_pages_drops_dashed_and_trang_page_numbers_at_page_edges():
    pages = ["- 1 -\nMột là tuyên truyền.", "Hai là vận động.\nTrang 2/3", "Ba là kiểm tra.\n- 3 -"]
    assert clean_pages(pages) == "Một là tuyên truyền.\n\nHai là vận động.\n\nBa là kiểm tra."


def test_clean_pages_keeps_numbers_inside_the_text():
    pages = ["Kết quả:\n8.794\nlượt người được tư vấn.", "Phần hai\n2"]
    assert "8.794" in clean_pages(pages)


def test_a_syllable_hyphenated_across_lines_is_joined_but_compounds_keep_their_hyphen():
    text = clean_pages(["tư vấn cho ngư-\nời lao động về kinh tế-\nxã hội"])
    assert "người lao động" in text
    assert "kinh tế-\nxã hội" in text


def test_extracted_text_loses_soft_hyphens_controls_and_detached_marks():
    assert normalise_extracted("Vie \u0323\u0302t\x00 Nam\u00ad\r\n") == "Việt Nam\n"


def test_eth_from_fonts_and_ocr_becomes_the_vietnamese_d_with_stroke():
    assert normalise_extracted("ÐẢNG CỘNG SẢN, ðồng chí") == "ĐẢNG CỘNG SẢN, đồng chí"
    assert fix_ocr_confusions("Quyết định số 23-QĐÐ/TW") == "Quyết định số 23-QĐ/TW"


def test_a_tcvn3_u_turned_into_a_space_is_put_back_only_where_it_makes_a_word():
    assert join_split_u("ng", "ời") == "người"
    assert join_split_u("tr", "ờng") == "trường"
    assert join_split_u("kinh", "tế") is None  # two real words stay apart
    assert join_split_u("LĐ", "TBXH") is None
    assert repair_split_u("h ớng dẫn ng ời lao động") == "hướng dẫn người lao động"


def test_legacy_font_names_from_docx_and_pdf_tell_the_encoding_and_case():
    assert legacy_font(".VnTime") == ("tcvn3", False)
    assert legacy_font(".VnTimeH") == ("tcvn3", True)
    assert legacy_font("ABCDEF+.VnTimeH,Bold") == ("tcvn3", True)
    assert legacy_font("VNI-Times") == ("vni", False)
    assert legacy_font("Times New Roman") is None


def test_a_year_wrapped_onto_the_last_line_of_a_page_is_not_taken_for_a_page_number():
    pages = ["Thực hiện giai đoạn 2016 -\n2020", "Nội dung tiếp theo\n2"]
    assert clean_pages(pages) == "Thực hiện giai đoạn 2016 -\n2020\n\nNội dung tiếp theo"


def test_a_block_repeated_on_the_pages_of_a_short_document_is_kept():
    pages = [
        "Nơi nhận:\n- Lưu: VT.\nTUQ. CHỦ TỊCH",
        "TUQ. CHỦ TỊCH\nCHÁNH VĂN PHÒNG",
    ]
    assert clean_pages(pages).count("TUQ. CHỦ TỊCH") == 2
