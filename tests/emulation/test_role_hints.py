"""Role-aware round pages: each persona sees the controls of its own steps only,
and where a step belongs to someone else the page says who takes it
(issue 12 §2), in particular for the council secretary."""

import re

import pytest

HINT = re.compile(r'id="step-hint">(.*?)</p>', re.S)


def _hint(html: str) -> str:
    found = HINT.search(html)
    return " ".join(re.sub(r"<[^>]+>", "", found.group(1)).split()) if found else ""


@pytest.fixture
def pages(round_2025):
    base = f"/thi-dua/dot/{round_2025.pk}"
    return {
        "detail": f"{base}/",
        "suggestions": f"{base}/goi-y/",
        "pledges": f"{base}/dang-ky/",
        "council": f"{base}/hoi-dong/",
        "disclosure": f"{base}/cong-khai/",
        "submit": f"{base}/trinh/",
        "decide": f"{base}/quyet-dinh/",
    }


def test_the_council_secretary_is_told_who_takes_each_step_and_sees_no_empty_columns(
    demo, client_for, council, pages
):
    client = client_for(council)
    get = {name: client.get(url).content.decode() for name, url in pages.items()}
    unit = "Trung tâm Dịch vụ việc làm Sơn La"
    sở = "Sở Lao động – Thương binh và Xã hội tỉnh Sơn La"

    # The round waits for the council: the secretary's own step, linked.
    assert "Bước tiếp theo: Hội đồng bỏ phiếu." in _hint(get["detail"])
    assert "Đây là việc của bạn" in _hint(get["detail"])
    assert "Ghi kết quả bỏ phiếu" in get["council"] and _hint(get["council"]) == ""

    # Every other step names who takes it; no empty "Chọn" or action column.
    assert _hint(get["suggestions"]) == (
        f"Bước này do cán bộ {unit} thực hiện (lập đề nghị khen thưởng)."
    )
    assert "<th>Chọn</th>" not in get["suggestions"]
    assert 'name="pick"' not in get["suggestions"]
    assert _hint(get["pledges"]).startswith(f"Bước này do cán bộ {unit} thực hiện")
    assert "<th></th>" not in get["pledges"] and "Thao tác" not in get["pledges"]
    assert _hint(get["disclosure"]).startswith(f"Bước này do cán bộ {unit} thực hiện")
    assert "Công khai danh sách (" not in get["disclosure"]
    assert _hint(get["submit"]) == (
        f"Bước này do Giám đốc {unit} thực hiện (ký Tờ trình và trình đề nghị)."
    )
    assert _hint(get["decide"]) == (
        f"Bước này do Giám đốc {sở} thực hiện (ký, ban hành quyết định khen thưởng)."
    )
    # The appraisal queue is not offered to someone who appraises nowhere.
    assert 'href="/thi-dua/tham-dinh/"' not in client.get("/thi-dua/").content.decode()


def test_the_officer_is_told_the_council_votes_and_reads_the_votes_without_inputs(
    demo, client_for, officer, pages
):
    client = client_for(officer)
    detail = client.get(pages["detail"]).content.decode()
    assert _hint(detail) == (
        "Bước tiếp theo: Hội đồng bỏ phiếu. Bước này do thư ký Hội đồng thi đua – khen thưởng "
        "của Trung tâm Dịch vụ việc làm Sơn La thực hiện (ghi kết quả bỏ phiếu của Hội đồng)."
    )
    council = client.get(pages["council"]).content.decode()
    assert "thư ký Hội đồng thi đua – khen thưởng" in _hint(council)
    assert 'type="number"' not in council and "Ghi kết quả bỏ phiếu</button>" not in council
    # The officer's own step: the suggestions can be picked.
    assert "<th>Chọn</th>" in client.get(pages["suggestions"]).content.decode()


def test_the_decision_page_names_the_appraiser_until_nominations_are_appraised(
    demo, client_for, officer, head, reviewer, round_2025, staff, walk
):
    walk(round_2025, [], submit=True)  # the demo round already holds Lê Văn Nam
    url = f"/thi-dua/dot/{round_2025.pk}/quyet-dinh/"
    assert "cán bộ thẩm định của Sở Lao động" in _hint(client_for(head).get(url).content.decode())
    # The reviewer appraises: no hint about someone else for them.
    assert _hint(client_for(reviewer).get(url).content.decode()) == ""
    nomination = round_2025.nominations.get(status="submitted")
    page = client_for(officer).get(f"/thi-dua/de-nghi/{nomination.pk}/").content.decode()
    assert "Bước này do cán bộ thẩm định của Sở Lao động" in _hint(page)


def test_only_the_deciding_authority_is_offered_a_revocation(
    demo, client_for, council, reviewer, round_2024
):
    decision = round_2024.decisions.get()
    url = f"/thi-dua/quyet-dinh/{decision.pk}/"
    mine = client_for(reviewer).get(url).content.decode()
    assert 'class="button danger"' in mine and "Hủy bỏ danh hiệu của quyết định này" in mine
    theirs = client_for(council).get(url).content.decode()
    assert "Hủy bỏ danh hiệu của quyết định này" not in theirs
    assert "Bước này do Giám đốc Sở Lao động" in _hint(theirs)


def test_the_deciding_sos_leaders_do_not_propose_vote_or_submit_for_the_unit(
    demo, client_for, reviewer, round_2025, staff
):
    from django.core.exceptions import PermissionDenied

    from danvan.emulation import services

    client = client_for(reviewer)
    base = f"/thi-dua/dot/{round_2025.pk}"
    detail = client.get(f"{base}/").content.decode()
    assert "Thêm đề nghị</button>" not in detail
    assert "thư ký Hội đồng thi đua – khen thưởng của Trung tâm" in _hint(detail)
    assert 'name="pick"' not in client.get(f"{base}/goi-y/").content.decode()
    assert 'type="number"' not in client.get(f"{base}/hoi-dong/").content.decode()
    before = round_2025.nominations.count()
    client.post(
        f"{base}/de-nghi/", {"subject": f"p{staff['Hà Thị Thu'].pk}", "title": "lao_dong_tien_tien"}
    )
    assert round_2025.nominations.count() == before
    with pytest.raises(PermissionDenied):
        services.submit_round(reviewer, round_2025)
    with pytest.raises(PermissionDenied):
        services.open_disclosure(reviewer, round_2025)
