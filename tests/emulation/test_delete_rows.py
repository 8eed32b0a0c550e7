"""Deleting a row from an emulation page: the row of the caller's scope goes,
and a row that is already gone is said so (no error page)."""

from django.contrib.messages import get_messages

from danvan.emulation import services


def _said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_pledge_is_deleted_then_said_gone(demo, client_for, officer, round_2025, staff):
    person = next(iter(staff.values()))
    pledge = services.add_pledge(
        officer, round_2025, staff=person, title="lao_dong_tien_tien", note="Phấn đấu"
    )
    url = f"/thi-dua/dot/{round_2025.pk}/dang-ky/"
    client = client_for(officer)

    first = client.post(url, {"delete": pledge.pk})
    assert first.status_code == 302
    assert not round_2025.pledges.filter(pk=pledge.pk).exists()
    assert "Đã xóa đăng ký." in _said(first)

    again = client.post(url, {"delete": pledge.pk})
    assert again.status_code == 302
    assert "Không tìm thấy đăng ký (có thể đã bị xóa)." in _said(again)
