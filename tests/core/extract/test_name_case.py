import pytest

from danvan.core.extract.document import name_case


@pytest.mark.parametrize(
    ("upper", "expected"),
    [
        (
            "SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI TỈNH SƠN LA",
            "Sở Lao động – Thương binh và Xã hội tỉnh Sơn La",
        ),
        ("BAN DÂN VẬN TỈNH ỦY", "Ban Dân vận Tỉnh ủy"),
        ("ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN", "Ủy ban nhân dân tỉnh Điện Biên"),
        ("HỘI ĐỒNG NHÂN DÂN TỈNH", "Hội đồng nhân dân tỉnh"),
        ("BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "Bộ Tài nguyên và Môi trường"),
        ("TRUNG TÂM DỊCH VỤ VIỆC LÀM", "Trung tâm Dịch vụ việc làm"),
        ("BAN THƯỜNG VỤ HUYỆN ỦY THUẬN CHÂU", "Ban Thường vụ Huyện ủy Thuận Châu"),
        ("UBND XÃ MƯỜNG CHANH", "UBND xã Mường Chanh"),
    ],
)
def test_upper_case_body_names_read_back_in_their_official_case(upper, expected):
    assert name_case(upper) == expected
