"""Pledges on the round's page: one is recorded for the chosen person, deleted,
and a second delete of the same row is said to find nothing (no error page)."""

from django.contrib.messages import get_messages


def _said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_pledge_is_recorded_deleted_then_said_gone(demo, client_for, officer, round_2025, staff):
    person = next(iter(staff.values()))
    url = f"/thi-dua/dot/{round_2025.pk}/dang-ky/"
    client = client_for(officer)

    made = client.post(
        url, {"subject": f"p{person.pk}", "title": "lao_dong_tien_tien", "note": "Phấn đấu"}
    )
    assert made.status_code == 302
    assert "Đã ghi đăng ký thi đua." in _said(made)
    pledge = round_2025.pledges.get(staff=person, title="lao_dong_tien_tien")
    assert pledge.note == "Phấn đấu"

    first = client.post(url, {"delete": pledge.pk})
    assert first.status_code == 302
    assert not round_2025.pledges.filter(pk=pledge.pk).exists()
    assert "Đã xóa đăng ký." in _said(first)

    again = client.post(url, {"delete": pledge.pk})
    assert again.status_code == 302
    assert "Không tìm thấy đăng ký (có thể đã bị xóa)." in _said(again)
