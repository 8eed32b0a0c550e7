"""Issue 14 in the browser: a citizen is received and hands in a complaint that
goes from the book to the reply with its legal deadline; a denunciation outside
the unit's competence is forwarded with a numbered công văn; a dialogue's
commitment is followed up."""

import re

from playwright.sync_api import expect


def _action(page, name):
    return page.locator(f"form.action-{name}")


def test_a_petition_goes_from_reception_to_reply_and_another_is_forwarded(
    world, login, page, site, shot
):
    login("giamdoc.ttdvvl")

    # 1. The reception, with a complaint handed in.
    page.goto(f"{site}/cong-dan/so-tiep/moi/")
    page.get_by_label("Họ tên công dân").fill("Lò Văn Pấng")
    page.get_by_label("Địa chỉ").fill("bản Mòng, xã Hua La")
    page.get_by_label("Nội dung trình bày").fill("Khiếu nại quyết định không hưởng trợ cấp.")
    page.get_by_label("Kết quả tiếp").select_option(label="Tiếp nhận đơn")
    page.get_by_label("Loại đơn (khi tiếp nhận đơn)").select_option(label="Khiếu nại")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".person-name")).to_have_text("Lò Văn Pấng")
    page.get_by_role("link", name="xem đơn").click()
    expect(page.locator(".stage")).to_have_text("Tiếp nhận")
    expect(page.locator(".deadline").first).to_contain_text("ngày làm việc")

    # 2. Classified, accepted: the resolution deadline appears with its basis.
    form = _action(page, "classify")
    form.get_by_label("Thuộc thẩm quyền giải quyết").check()
    form.get_by_role("button", name="Ghi nhận").click()
    expect(page.locator(".stage")).to_have_text("Đã phân loại")
    _action(page, "accept").get_by_role("button", name="Ghi nhận").click()
    expect(page.locator(".stage")).to_have_text("Đã thụ lý")
    expect(page.locator(".deadline")).to_contain_text("Luật Khiếu nại 2011, Điều 28")
    expect(page.locator(".deadline")).to_have_text(re.compile(r"\d{2}/\d{2}/\d{4}"))

    # 3. Assigned, verified, concluded, replied.
    form = _action(page, "assign")
    form.get_by_label("Cán bộ xác minh").select_option(label="Hà Thị Thu")
    form.get_by_role("button", name="Ghi nhận").click()
    expect(page.locator(".stage")).to_have_text("Đang xác minh")
    form = _action(page, "verify")
    form.get_by_label("Nội dung").fill("Đã xác minh hồ sơ.")
    form.get_by_role("button", name="Ghi nhận").click()
    form = _action(page, "conclude")
    form.get_by_label("Nội dung").fill("Khiếu nại đúng một phần.")
    form.get_by_role("button", name="Ghi nhận").click()
    expect(page.locator(".stage")).to_have_text("Đã kết luận, quyết định")
    form = _action(page, "reply")
    form.get_by_label("Nội dung").fill("Đã trả lời bằng văn bản.")
    form.get_by_role("button", name="Ghi nhận").click()
    expect(page.locator(".stage")).to_have_text("Đã trả lời công dân")
    expect(page.get_by_text("Khiếu nại đúng một phần. (")).to_contain_text("đúng hạn")
    shot("citizens-petition-replied")

    # 4. A denunciation outside the unit's competence is forwarded once, numbered.
    page.goto(f"{site}/cong-dan/don-thu/moi/")
    page.get_by_label("Loại đơn").select_option(label="Tố cáo")
    page.get_by_label("Họ tên người gửi").fill("Quàng Thị Xuân")
    page.get_by_label("Tóm tắt nội dung").fill("Tố cáo việc thu tiền trái quy định.")
    page.get_by_role("button", name="Lưu").click()
    form = _action(page, "classify")
    form.get_by_label("Thuộc thẩm quyền giải quyết").uncheck()
    form.get_by_role("button", name="Ghi nhận").click()
    form = _action(page, "forward")
    form.get_by_label("Cơ quan có thẩm quyền").fill("Thanh tra tỉnh Sơn La")
    form.get_by_role("button", name="Ghi nhận").click()
    expect(page.locator(".stage")).to_have_text("Đã chuyển đơn")
    expect(page.locator(".forward")).to_contain_text(re.compile(r"công văn số \d+/.*TTDVVL"))
    expect(_action(page, "forward")).to_have_count(0)

    # 5. The board shows both in their columns.
    page.goto(f"{site}/cong-dan/don-thu/")
    expect(page.locator("#col-replied").locator("xpath=..")).to_contain_text("Khiếu nại")
    expect(page.locator("#col-forwarded").locator("xpath=..")).to_contain_text("Tố cáo")
    shot("citizens-board")


def test_a_dialogue_commitment_is_followed_up(world, login, page, site, shot):
    login("canbo.ttdvvl")
    page.goto(f"{site}/cong-dan/doi-thoai/moi/")
    page.get_by_label("Chủ đề").fill("Đối thoại với người lao động")
    page.get_by_label("Người chủ trì").fill("Giám đốc")
    page.get_by_label("Số người tham dự").fill("40")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_label("Nội dung cam kết").fill("Rút ngắn thời gian trả kết quả.")
    page.get_by_label("Người, bộ phận thực hiện").fill("Phòng Bảo hiểm thất nghiệp")
    page.get_by_label("Hạn thực hiện").fill("2099-12-31")
    page.get_by_role("button", name="Thêm cam kết").click()
    row = page.locator("tr.commitment")
    expect(row.locator(".status")).to_have_text("Chưa thực hiện")
    row.get_by_label("Tình trạng").select_option(label="Đã thực hiện")
    row.get_by_label("Kết quả").fill("Đã rút ngắn còn 10 ngày.")
    row.get_by_role("button", name="Cập nhật").click()
    expect(page.locator("tr.commitment .status")).to_have_text("Đã thực hiện")
    expect(page.locator("tr.commitment")).to_contain_text("Đã rút ngắn còn 10 ngày.")
    shot("citizens-dialogue")
