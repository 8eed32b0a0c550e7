"""Figures: quantities that report a result, a target or a measured state.

A figure is a number with the noun it counts ("8.794 lượt người", "13.676,5
triệu đồng", "28.101/38.000 lao động") or a percentage that stands alone. Numbers
in document numbers, dates, periods, names, list numbering and quotations are
masked first; percentages that qualify a figure ("đạt 103% so với kế hoạch",
"tăng 43% so với cùng kỳ") become its attributes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from danvan.core.extract.citations import NUMBER_RE
from danvan.core.extract.periods import PERIOD_RE
from danvan.core.extract.tables import Cell, table_blocks
from danvan.core.extract.textmap import FlatText, flat_index
from danvan.core.numbers import parse_number_detail
from danvan.core.text import collapse_ws

if TYPE_CHECKING:
    from danvan.core.extract.document import DocumentInfo
    from danvan.core.extract.periods import Period


@dataclass
class Figure:
    value: float | int
    unit: str | None
    kind: str
    label: str
    fstart: int  # flat offsets
    fend: int
    num_start: int
    num_end: int
    plan_percent: float | int | None = None
    change_percent: float | int | None = None
    change_value: float | int | None = None
    target: float | int | None = None
    approximate: bool = False
    share_percent: float | int | None = None
    nonstandard: bool = False
    raw: str = ""
    text: str = ""
    start: int = 0
    end: int = 0
    sentence: int = 0
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "value": self.value,
            "unit": self.unit,
            "kind": self.kind,
            "label": self.label,
            "plan_percent": self.plan_percent,
            "change_percent": self.change_percent,
            "change_value": self.change_value,
            "target": self.target,
            "approximate": self.approximate,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3}){2,}|\d+(?:[.,]\d+)?"
NUM_RE = re.compile(r"(?<![\w.,/\-–:])(" + NUM + r")(?![\w]|[.,:]\d|\s*[-–]\s*\d{4})")

# Counted nouns (with classifiers) common in reports; longest match wins.
UNITS = tuple(
    sorted(
        """lượt người|lượt|người|người lao động|lao động|hộ|hộ gia đình|hộ nghèo|hộ cận nghèo|
        hồ sơ|hội nghị|buổi|buổi hội nghị|cuộc|cuộc họp|cuộc thi|cuộc vận động|lớp|lớp tập huấn|
        lớp bồi dưỡng|học viên|đợt|phiên|phiên giao dịch việc làm|phiên giao dịch|cá nhân|tập thể|
        đơn vị|công ty|doanh nghiệp|hợp tác xã|xã|phường|thị trấn|huyện|huyện thị|bản|thôn|tổ|
        tổ dân phố|tiểu khu|tổ chức|mô hình|tin bài|tin|bài|bài viết|tin, bài|văn bản|đơn|đơn thư|
        vụ|vụ việc|việc|trường hợp|cán bộ|công chức|viên chức|cán bộ, công chức|đảng viên|
        hội viên|đoàn viên|thành viên|phòng|phòng chuyên môn|bộ phận|đồng|triệu đồng|tỷ đồng|
        nghìn đồng|ngàn đồng|USD|km|m|m2|m²|ha|tấn|kg|con|cây|căn|ngôi nhà|nhà|công trình|suất|
        phần quà|suất quà|chiếc|bộ|cuốn|tờ|tài liệu|ý kiến|kiến nghị|sáng kiến|giải pháp|chương trình|
        dự án|đề tài|gương|điển hình|tấm gương|học sinh|sinh viên|giáo viên|bệnh nhân|trẻ em|
        trường|cơ sở|điểm|trạm|ngày công|ngày hội|giờ|buổi tuyên truyền|lượt truy cập|lượt xem|
        thủ tục|thủ tục hành chính|khách hàng|thẻ|sổ|giấy khen|bằng khen|danh hiệu|người dân|
        nhân khẩu|khẩu|đối tượng|lao động nữ|thanh niên|hội|chi hội|chi bộ|cơ quan|mét|lít|
        con giống|lần|bài báo|phóng sự|pano|băng rôn|khẩu hiệu|áp phích|tờ rơi|ấn phẩm|clip|
        video|trang|nhóm|câu lạc bộ|CLB|đoàn|đội|tuyến|km đường|cây số|héc ta|hecta|lao động nữ|
        đồng chí|đại biểu|gia đình|phụ nữ|cựu chiến binh|tình nguyện viên|sản phẩm|tuyến đường|
        lượt khách|đầu sách|con bò|con trâu|ngôi|căn nhà|nhà văn hóa|nhà ở|cuộc kiểm tra|cuộc giám sát|
        buổi làm việc|buổi đối thoại|cuộc đối thoại|lượt cán bộ|lượt đảng viên|lượt hội viên|
        đơn vị hành chính|khu dân cư|tổ hòa giải|vụ hòa giải|triệu|tỷ|nghìn|ngàn|thị xã|thành phố|quận|
        phần việc|công trình, phần việc|tổ hợp tác|chi đoàn|chi hội|tạ|tạ/ha|hộ vay|đơn vị máu|
        lượt nông dân|nông dân|cây xanh|cuộc tuyên truyền|cuộc đối thoại|chuyên đề|chuyên mục|
        bài tuyên truyền|xuất|nhà đại đoàn kết|mái ấm|buổi sinh hoạt|cơ sở hội|công đoàn cơ sở""".replace(
            "\n", ""
        )
        .replace("  ", "")
        .split("|"),
        key=len,
        reverse=True,
    )
)
_UNIT_RE = re.compile(
    r"(" + "|".join(re.escape(u.strip()) for u in UNITS if u.strip()) + r")(?![\w])",
    re.IGNORECASE,
)
# Words after a number that mean it is not a counted quantity.
NOT_UNITS = frozenset(
    """ngày tháng năm quý tuần phút giây tuổi điều thao tác nguyên tắc chữ bước không tốt giỏi
    sạch cùng nhất có xây chống nội dung nhiệm vụ yêu cầu quan điểm khâu tiêu chí mục tiêu
    về của và so đến trong tại là được theo với để cho đã đang sẽ từ đối hoặc hay thì mà nên
    khi vì do bởi trên dưới gồm như tới hết kể lần thứ hằng hàng mỗi các những cả tất lúc vào
    sau trước""".split()
)
_NAME_BEFORE = re.compile(
    r"(?:nghị quyết|quyết định|chỉ thị|đề án|chương trình|kế hoạch|nghị định|thông tư|luật|"
    r"kết luận|quy định|hội nghị trung ương|trung ương|điều|khoản|điểm|mục|phần|chương|phụ lục|"
    r"biểu|bảng|tiểu khu|khu|tổ|thôn|bản|xóm|quốc lộ|ql|tỉnh lộ|đường|(?<!dân )số|lần thứ|khóa|khoá|"
    r"covid|iso|phiên bản|trang|tuyến|website|đại hội|lần|version|phòng|nhóm|đội|câu|bài|"
    r"hội nghị lần thứ|giai đoạn|tháng|quý|ngày|thứ|hạng|loại|cấp|lớp|tầng|km|xe|"
    r"mẫu|kỳ|đợt|nhiệm kỳ|ban chỉ đạo)\s*[-–]?\s*$",
    re.IGNORECASE,
)
_DATES = re.compile(
    r"(?<!\w)(?=\w)(?:\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}|\d{1,2}\s*/\s*(?:19|20)\d{2}(?!\d)"
    r"|ngày\s+\d{1,2}\s*/\s*\d{1,2}(?!\s*/?\s*\d)|\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?"
    r"|(?<!\d)(?:19|20)\d{2}\s*[-–—]\s*(?:19|20)\d{2}(?!\d)|\d{1,2}\s*giờ|\d{1,2}h\d{0,2}(?![\w])"
    r"|\d+:\d+)",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"“[^”]{0,120}”|\"[^\"]{0,120}\"")
_NUMBERING = re.compile(
    r"^[ \t]*(?:\(?\d{1,2}(?:\.\d{1,2})*\s*[.)/]\s*(?=\D)|\d{1,2}(?:\.\d{1,2})+\s+(?=[^\d\s])"
    r"|[a-zđ]\)\s*|\(\d{1,2}\)\s*|\(?[IVX]+[.)]\s*)",
    re.MULTILINE,
)
_LONE_NUMBER = re.compile(r"^[ \t]*\d{1,3}[ \t]*$", re.MULTILINE)
_BULLET_LINE = re.compile(
    r"^[ \t]*(?:[-–+•*]|\(?\d{1,2}(?:\.\d{1,2})*[.)](?=\s)|[a-zđ]\)|[IVX]+\.(?=\s))[ \t]*", re.M
)

_NUM_IN = r"(" + NUM + r")"
_PLAN_RE = re.compile(
    r"(?<!\w)(?=\w)(?:(đạt|bằng|hoàn\s+thành|vượt|được)\s+(?:tỷ\s+lệ\s+)?)?" + _NUM_IN + r"\s*%\s*"
    r"(?:(?:so\s+với|của|trên)\s+)?(?:(?:tổng\s+)?(?:kế\s+hoạch|KH|chỉ\s+tiêu|dự\s+toán|mục\s+tiêu|"
    r"(?:số\s+)?(?:đăng\s+ký|cam\s+kết)))(?![\w])",
    re.IGNORECASE,
)
_CHANGE_PCT_RE = re.compile(
    r"(tăng|giảm|bằng)\s+(?:thêm\s+|khoảng\s+|hơn\s+|gần\s+)?" + _NUM_IN + r"\s*%\s*"
    r"(?:\([^)]{0,40}\)\s*)?(?:so\s+với\s+)(?!kế\s+hoạch|KH\b|chỉ\s+tiêu|dự\s+toán|mục\s+tiêu)",
    re.IGNORECASE,
)
_CHANGE_VAL_RE = re.compile(
    r"(tăng|giảm)\s+(?:thêm\s+)?" + _NUM_IN + r"(?:\s+[^\s\d,;.()]+){0,3}?\s+so\s+với\s+"
    r"(?!kế\s+hoạch|KH\b|chỉ\s+tiêu|dự\s+toán)",
    re.IGNORECASE,
)
# "tăng 1,5 lần", "gấp 2 lần": a ratio, neither a figure nor a percentage change
_TIMES_RE = re.compile(
    r"(?:tăng|giảm|gấp)\s+(?:hơn\s+)?(" + NUM + r")\s+lần(?![\w])", re.IGNORECASE
)
_REACH_PCT_RE = re.compile(r"(?:đạt|bằng|=)\s+(?:tỷ\s+lệ\s+)?" + _NUM_IN + r"\s*%", re.IGNORECASE)
_SHARE_RE = re.compile(
    r"chiếm\s+(?:tỷ\s+lệ\s+)?(?:khoảng\s+|hơn\s+|gần\s+)?" + _NUM_IN + r"\s*%", re.I
)
_TARGET_AFTER_RE = re.compile(
    r"(?<![\w])(?:kế\s+hoạch|KH|chỉ\s+tiêu)(?:\s+(?:giao|đề\s+ra|được\s+giao|năm\s+\d{4}))?\s*(?::|là)?\s*"
    + _NUM_IN
    + r"(?!\s*%|[\d.,])",
    re.IGNORECASE,
)
_APPROX_BEFORE = re.compile(
    r"(?<![\w])(?:hơn|trên|khoảng|gần|xấp\s+xỉ|chừng|ngót|ước(?:\s+(?:đạt|tính|khoảng|có))?)\s+$",
    re.IGNORECASE,
)
_TARGET_CUE = re.compile(
    r"phấn\s+đấu|mục\s+tiêu|chỉ\s+tiêu\s+(?:giao|đề\s+ra|đặt\s+ra|là|năm|chủ\s+yếu)|dự\s+kiến|"
    r"kế\s+hoạch\s+(?:giao|đề\s+ra)|phải\s+đạt|tối\s+thiểu|ít\s+nhất|định\s+hướng\s+đến|"
    r"đến\s+năm\s+\d{4}|sẽ\s+|khẩn\s+trương",
    re.IGNORECASE,
)
# a stock at a point in time: "hiện có 684 đảng viên", "dư nợ 2.856 tỷ đồng", "Còn 144 hộ chưa ..."
_STATE_CUE = re.compile(
    r"hiện\s+(?:có|nay|đang|còn)|đang\s+(?:có|quản\s+lý|sinh\s+hoạt)|có\s+tổng\s+số|dư\s+nợ|"
    r"(?:đến\s+nay|toàn\s+(?:tỉnh|huyện|xã|thành\s+phố|quốc|ngành))(?:\s+\S+){0,3}\s+có\s+$|"
    r"tổng\s+số\s+[^,;]{0,40}\s(?:là|có)\s+$|(?:^|[,;:])\s*còn\s+$|(?:giảm|tăng)\s+từ\s+$|"
    # the size of a place or a herd, an overdue debt: "diện tích tự nhiên 318,5 km², dân số
    # 24.560 người với 5.612 hộ", "tổng đàn gia súc 14.320 con", "nợ quá hạn 2.318 triệu đồng"
    r"diện\s+tích(?:\s+tự\s+nhiên)?\s+(?:là\s+)?$|dân\s+số(?:\s+[\d.,]+\s+\S+\s+(?:với|và|gồm))?\s+$|"
    r"tổng\s+đàn(?:\s+\S+){0,2}\s+$|(?:^|[,;:.]\s*)nợ\s+quá\s+hạn\s+(?:là\s+)?$",
    re.IGNORECASE,
)
_OF_A_STOCK = re.compile(r"\s*(?:so\s+với\s+|trên\s+)?(?:tổng\s+)?dư\s+nợ(?![\w])", re.I)
# after the counted noun: an achievement, not a stock ("có 31/35 xã đạt chuẩn")
_ACHIEVED_AFTER = re.compile(
    r"\s*(?:[^\s,;.]+\s+){0,3}?(?<!chưa\s)(?<!không\s)(?:đạt|được|hoàn\s+thành)(?![\w])", re.I
)
# a lower bound on votes ("phải đạt trên 90% số phiếu tán thành") sets a rule
_THRESHOLD_BEFORE = re.compile(r"(?:trên|từ|ít\s+nhất|tối\s+thiểu|không\s+dưới)\s+$", re.IGNORECASE)
_VOTES_AFTER = re.compile(r"\s*(?:tổng\s+)?số\s+phiếu", re.IGNORECASE)
_PLAN_DOC_TYPES = frozenset({"ke_hoach", "chuong_trinh", "de_an", "phuong_an", "huong_dan"})
# section headings, numbered ("II. PHƯƠNG HƯỚNG ...") or not ("Phần thứ hai" / "PHƯƠNG HƯỚNG ...")
_HEADING_NUMBER = (
    r"^[ \t]*(?:(?:[IVX]+|\d{1,2})\s*[.)/]\s*|(?:phần\s+thứ\s+\w+|phần\s+[IVX\d]+)\s*[.:]?\s*|"
    r"điều\s+\d{1,3}\s*[.:]\s*)?"
)
_FUTURE_HEADING = re.compile(
    _HEADING_NUMBER + r"(?:(?:các\s+)?phương\s+hướng|(?:các\s+|một\s+số\s+)?mục\s+tiêu|"
    r"(?:các\s+|một\s+số\s+|hệ\s+thống\s+)?chỉ\s+tiêu|"
    r"nhiệm\s+vụ\s+(?:trọng\s+tâm|chủ\s+yếu|tiếp\s+theo|thời\s+gian\s+tới|năm|quý|\d|6|9)|"
    r"nhiệm\s+vụ,\s+giải\s+pháp|kế\s+hoạch\s+(?:năm|\d)|(?:đề\s+xuất,\s+)?kiến\s+nghị|đề\s+xuất)",
    re.IGNORECASE | re.MULTILINE,
)
_PAST_HEADING = re.compile(
    _HEADING_NUMBER + r"(?:kết\s+quả|đánh\s+giá|tình\s+hình|công\s+tác|"
    r"tồn\s+tại|khó\s+khăn|hạn\s+chế|những)",
    re.IGNORECASE | re.MULTILINE,
)


def _looks_ahead(info: DocumentInfo | None, period: Period | None) -> bool:
    """A document about a period that begins after its own date (a resolution or
    decision of December on next year's tasks) sets targets unless a section
    says it reports results."""
    if info is None or period is None or info.issued_on is None:
        return False
    return period.start > info.issued_on


def _heading_starts(rx: re.Pattern[str], text: str, flat: FlatText) -> list[int]:
    """Flat offsets of headings: a numbered line, or an unnumbered line in capitals."""
    out = []
    for m in rx.finditer(text):
        line_end = text.find("\n", m.start())
        line = text[m.start() : line_end if line_end >= 0 else len(text)].strip()
        numbered = re.match(r"(?:[IVX]+|\d{1,2})\s*[.)/]|phần\s|điều\s+\d", line, re.IGNORECASE)
        letters = [c for c in line if c.isalpha()]
        upper = bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
        if numbered or upper:
            out.append(flat_index(flat, m.start()))
    return out


def _without_attrs(text: str, offset: int, taken: bytearray) -> str:
    """``text`` (found at flat ``offset``) with attribute phrases' numbers and the plan words after
    them blanked: "đạt 38% chỉ tiêu năm" reports a result, it does not set a target."""
    if not any(taken[offset : offset + len(text)]):
        return text
    chars = list(text)
    i = 0
    while i < len(chars):
        if taken[offset + i]:
            j = i
            while j < len(chars) and (taken[offset + j] or not chars[j].isspace() or j == i):
                j += 1
            k = min(len(chars), j + 40)
            tail = text[j:k]
            pm = re.match(
                r"[\s%]*(?:so\s+với\s+)?(?:kế\s+hoạch|KH|chỉ\s+tiêu|dự\s+toán|mục\s+tiêu)"
                r"(?:\s+\w+){0,2}",
                tail,
                re.IGNORECASE,
            )
            end = j + (pm.end() if pm else 0)
            for n in range(i, end):
                chars[n] = " "
            i = max(end, i + 1)
        else:
            i += 1
    return "".join(chars)


def _num(token: str) -> tuple[float | int, bool]:
    """The value of a number token; ValueError for a digit run too long to be a quantity
    (it would not survive as a JSON number)."""
    if sum(c.isdigit() for c in token) > 18:
        raise ValueError(f"not a quantity: {token[:30]!r}")
    return parse_number_detail(token)


_HAS_LETTER = re.compile(r"[A-Za-zĐđ]")
_PERCENT_INSIDE = re.compile(r"\d+(?:[.,]\d+)?\s*%")


def _mask(text: str, flat: FlatText) -> bytearray:
    s = flat.text
    mask = bytearray(len(s))

    def put(a: int, b: int) -> None:
        mask[a:b] = b"\x01" * (b - a)

    for rx in (NUMBER_RE, _DATES, PERIOD_RE, _QUOTED):
        for m in rx.finditer(s):
            if rx is NUMBER_RE and not _HAS_LETTER.search(m.group(1)):
                continue
            if rx is _QUOTED and _PERCENT_INSIDE.search(m.group(0)):
                continue
            put(m.start(), m.end())
    for rx in (_NUMBERING, _LONE_NUMBER):
        for m in rx.finditer(text):
            if rx is _LONE_NUMBER:
                prev = text[max(0, m.start() - 200) : m.start()].rstrip().rsplit("\n", 1)[-1]
                if re.match(r"^\s*[-+–•*]?\s*(?:tổng\s+)?số\b", prev, re.IGNORECASE):
                    continue  # a table row: label line, then its value
            if m.end() > m.start():
                a = flat_index(flat, m.start())
                b = flat_index(flat, m.end())
                put(a, max(b, a + 1))
    return mask


def _sentence_starts(text: str, flat: FlatText) -> list[int]:
    s = flat.text
    starts = {0}
    for m in re.finditer(r"[.!?]+\s+(\(?)(?=\S)", s):
        nxt = s[m.end()] if m.end() < len(s) else ""
        dots = m.group(0).strip().rstrip("(").strip()
        if nxt.isupper() or nxt in '-–+•*“"':
            if dots == "..." and not nxt.isupper():
                continue
            starts.add(m.end() - len(m.group(1)))
    for m in _BULLET_LINE.finditer(text):
        starts.add(flat_index(flat, m.start()))
    return sorted(starts)


def _clause_start(s: str, pos: int, floor: int) -> int:
    best = floor
    for sep in (";", ":", ". "):
        i = s.rfind(sep, floor, pos)
        if i >= 0:
            best = max(best, i + len(sep))
    return best


_FUNCTION_WORDS = frozenset(
    "về của và so đến trong tại là được theo với để cho đã đang sẽ từ đối hoặc hay thì mà nên "
    "khi vì do bởi trên dưới gồm như tới hết kể năm tháng ngày quý".split()
)
_VERBISH = frozenset(
    "đạt tăng giảm bằng tham dự tham gia được bị đã đang sẽ thoát tái có không là chiếm trên dưới "
    "tiếp mới cũ khác này đó ấy nữa".split()
)
_LABEL_START = re.compile(r"(?<![\w])(?:tổng\s+)?số(?:\s+lượng)?(?=\s)", re.IGNORECASE)


def _counted_after_name(s: str, before: str, b: int) -> bool:
    """A word that can start a name ("lớp 10A", "Trung ương 8") is a plain noun when a counted
    noun follows the number: "mỗi lớp 30 học viên", "ngân sách trung ương 120 tỷ đồng"."""
    if re.search(
        r"(?:lần\s+thứ|khóa|khoá|số|điều|khoản|điểm|mục|phần|chương|tháng|ngày|quý|năm)\s*$",
        before,
        re.IGNORECASE,
    ):
        return False
    if re.match(r"\s*[/.,:\-–]\s*\d", s[b : b + 4]):
        return False
    m = _UNIT_RE.match(s, b + 1) if s[b : b + 1] == " " else None
    return m is not None and m.group(1).lower() not in ("hội nghị", "chương trình", "đề án")


def _unit_from_breakdown(s: str, a: int, b: int, figures: list[Figure], floor: int) -> str | None:
    """ "650 lao động, trong đó: nam 280, nữ 370": a bare number after a short label in a
    "trong đó" breakdown counts the same noun as the figure it breaks down."""
    if not re.match(r"\s*(?:[,.;)]|$)", s[b : b + 2]):
        return None
    opener = None
    for m in re.finditer(r"(?<![\w])trong\s+đó(?![\w])", s[floor:a], re.IGNORECASE):
        opener = floor + m.start()
    if opener is None:
        return None
    heads = [f for f in figures if floor <= f.num_start < opener and f.unit and f.unit != "%"]
    if not heads:
        return None
    label = s[max(opener, _clause_start(s, a, opener), s.rfind(",", opener, a) + 1) : a]
    label = re.sub(r"^\s*trong\s+đó\s*:?", "", label, flags=re.IGNORECASE).strip(" :")
    words = label.split()
    if not 1 <= len(words) <= 3 or not all(w.isalpha() and w.islower() for w in words):
        return None
    return heads[-1].unit


_CELL_NUM = re.compile(r"^(?:" + NUM + r")\s*%?$")


_DONE_COL = ("thực hiện", "kết quả", "ước thực hiện", "ước th", "th ")
_PLAN_COL = re.compile(r"(?:kế hoạch|kh\b|chỉ tiêu|nghị quyết|mục tiêu|dự toán)")
_RATE_COL = re.compile(r"(?:tỷ lệ|%|so với kế hoạch|so với kh|so kh)")
_CHANGE_COL = re.compile(r"(?:so với cùng kỳ|so cùng kỳ|so với năm trước|so với cùng kì)")
_LABEL_COL = re.compile(
    r"^(?:s?tt|năm|nội dung|chỉ tiêu|tên chỉ tiêu|đơn vị|địa bàn|huyện|tiêu chí|lĩnh vực|"
    r"quý|tháng|kỳ|giai đoạn|loại|danh mục|hạng mục)\b"
)
_ROW_NUMBER = re.compile(r"^(?:\d{1,2}|[IVX]+)\.?$")


def _header_unit(header: str) -> str | None:
    """The unit a column header names: "Kinh phí (tỷ đồng)" → tỷ đồng; "Số nhà hoàn thành" →
    nhà; "Số mô hình được công nhận" → mô hình."""
    um = re.search(r"\(([^()\d]{1,20})\)\s*$", header)
    if um:
        unit = um.group(1).strip().lower()
        return "%" if unit == "%" else unit
    m = re.match(r"(?:tổng\s+)?số(?:\s+lượng)?\s+(.+)$", header, re.IGNORECASE)
    if not m:
        return None
    um2 = _UNIT_RE.match(m.group(1))
    if um2:
        return um2.group(1).lower()
    return m.group(1).split()[0].lower()


def _table_rows(
    text: str, flat: FlatText, body_start: int, body_end: int, taken: bytearray
) -> list[Figure]:
    """Figures of the document's tables (tables.table_blocks: tab-separated, column-laid or
    one cell per line). Under a header naming a "Thực hiện"/"Kết quả" column: one figure per
    row, with the plan column as target, the "Tỷ lệ" column as plan_percent and the "So với
    cùng kỳ (%)" column as change_percent (a ratio: 108,5 → +8,5). Under a header whose
    first column labels the rows ("Năm", "Nội dung") and whose other columns name what they
    count: one figure per numeric cell. The rows' other numbers are marked as taken."""
    out: list[Figure] = []
    header: list[str] | None = None
    last_end = -1
    for block in table_blocks(text):
        # rows that go on after a page break (a running header, a page number between)
        # keep the header of the rows before it when they have its width
        gap = text[last_end : block[0][0].start] if last_end >= 0 else ""
        if not (
            header is not None
            and 0 <= len(gap) < 200
            and len(block[0]) == len(header)
            and any(_CELL_NUM.match(c.text) for c in block[0])
        ):
            header = None
        last = block[-1][-1]
        last_end = last.start + len(last.text)
        for cells in block:
            fa = flat_index(flat, cells[0].start)
            if fa < body_start or fa >= body_end:
                continue
            texts = [c.text for c in cells]
            folded = [t.lower() for t in texts]
            numeric = [i for i, t in enumerate(texts) if _CELL_NUM.match(t)]
            if not numeric and sum(1 for t in texts if t) >= 2:
                header = folded
                continue
            if header is None or not numeric:
                continue
            spans = {}
            for i, c in enumerate(cells):
                if c.text:
                    a = flat_index(flat, c.start)
                    spans[i] = (a, a + len(c.text))
            done_figures = _indicator_row(header, cells, spans, out)
            if done_figures is None:
                _count_row(header, cells, spans, out)
            for i in numeric:  # the row's numbers are not figures of their own
                a, b = spans[i]
                taken[a:b] = b"\x01" * (b - a)
            if cells and _ROW_NUMBER.match(texts[0]) and 0 in spans:
                a, b = spans[0]
                taken[a:b] = b"\x01" * (b - a)
    return out


def _columns(header: list[str], cells: list[Cell]) -> list[str] | None:
    """The header name of each cell: by position when the row has the header's width,
    else the row's cells aligned with the header's last columns."""
    if len(cells) == len(header):
        return header
    if len(header) > len(cells):
        return header[len(header) - len(cells) :]
    return None


def _indicator_row(
    header: list[str], cells: list[Cell], spans: dict[int, tuple[int, int]], out: list[Figure]
) -> Figure | None:
    """One figure for a row of an indicator table, or None when the header has no
    "Thực hiện" column (or the row does not fit it)."""
    cols = _columns(header, cells)
    if cols is None:
        return None
    texts = [c.text for c in cells]
    nums = {i for i, t in enumerate(texts) if _CELL_NUM.match(t)}
    done = next((i for i in nums if cols[i].startswith(_DONE_COL)), None)
    plan = next((i for i in nums if i != done and _PLAN_COL.match(cols[i])), None)
    kind = "result"
    if done is not None and plan is not None and _later_year(cols[plan], cols[done]):
        # next year's plan beside this year's result: two figures
        return _target_row(header, cells, spans, out, plan, done)
    if done is None:
        if plan is None:
            return None
        # a table of targets ("Chỉ tiêu | ĐVT | Kế hoạch năm 2025")
        done, plan, kind = plan, None, "target"
    rate = next((i for i in nums if i not in (done, plan) and _RATE_COL.match(cols[i])), None)
    change = next((i for i in nums if _CHANGE_COL.search(cols[i])), None)
    if rate == change:
        rate = None
    unit_col = next((i for i, c in enumerate(cols) if c.startswith(("đơn vị", "đvt"))), None)
    labels = [t for i, t in enumerate(texts) if i not in nums and i != unit_col and t]
    label = labels[-1] if labels else ""
    unit = texts[unit_col].lower() if unit_col is not None and unit_col not in nums else None
    if not unit:
        um = re.search(r"\(([^()\d]{1,20})\)\s*$", label)
        unit = um.group(1).strip().lower() if um else None
    if not unit:
        return None
    try:
        value, _ = _num(texts[done])
        target = _num(texts[plan])[0] if plan is not None else None
        rate_value = _num(texts[rate])[0] if rate is not None else None
        change_value = _num(texts[change].rstrip("% "))[0] if change is not None else None
    except ValueError:
        return None
    if (
        change is not None
        and change_value is not None
        and not re.search(r"tăng|giảm|\+|±", cols[change])
    ):
        change_value = round(change_value - 100, 6)  # a ratio to last year's figure
    a, b = spans[done]
    first, last = min(spans), max(spans)
    fig = Figure(
        value=value,
        unit=unit,
        kind=kind,
        label=label,
        fstart=spans[first][0],
        fend=spans[last][1],
        num_start=a,
        num_end=b,
        target=target,
        plan_percent=rate_value if target is not None or rate is not None else None,
        change_percent=change_value,
        raw=texts[done],
    )
    out.append(fig)
    return fig


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def _later_year(plan_header: str, done_header: str) -> bool:
    """ "Kế hoạch năm 2025" beside "Thực hiện năm 2024": the plan is next year's."""
    plan_years = [int(y) for y in _YEAR.findall(plan_header)]
    done_years = [int(y) for y in _YEAR.findall(done_header)]
    return bool(plan_years and done_years) and min(plan_years) > max(done_years)


def _target_row(
    header: list[str],
    cells: list[Cell],
    spans: dict[int, tuple[int, int]],
    out: list[Figure],
    plan: int,
    done: int,
) -> Figure | None:
    """This year's result and next year's plan of one row: two figures."""
    result = _indicator_row(
        [c if i != plan else "" for i, c in enumerate(header)], cells, spans, out
    )
    if result is None:
        return None
    target_header = [c if i != done else "" for i, c in enumerate(header)]
    _indicator_row(target_header, cells, spans, out)
    return result


def _count_row(
    header: list[str], cells: list[Cell], spans: dict[int, tuple[int, int]], out: list[Figure]
) -> None:
    """Figures of a row of a table that counts per row label ("Năm" | "Số nhà" | "Kinh phí
    (tỷ đồng)"): one per numeric cell whose column names a unit."""
    cols = _columns(header, cells)
    if cols is None or not _LABEL_COL.match(header[0]):
        return
    texts = [c.text for c in cells]
    label_at = next((i for i, t in enumerate(texts) if t and not _ROW_NUMBER.match(t)), 0)
    for i, t in enumerate(texts):
        if i <= label_at or not _CELL_NUM.match(t) or _LABEL_COL.match(cols[i]):
            continue
        unit = _header_unit(cols[i])
        if unit is None:
            continue
        try:
            value, _ = _num(t.rstrip("% "))
        except ValueError:
            continue
        a, b = spans[i]
        out.append(
            Figure(
                value=value,
                unit=unit,
                kind="result",
                label=f"{cols[i]} {texts[label_at]}".strip(),
                fstart=spans[min(spans)][0],
                fend=b,
                num_start=a,
                num_end=b,
                raw=t,
            )
        )


def _read_unit(s: str, pos: int) -> tuple[str | None, int]:
    """The counted noun after a number, with its classifier; (None, pos) when there is none."""
    i = pos
    while i < len(s) and s[i] == " ":
        i += 1
    qm = re.match(r"[“\"]([^\W\d_][^“”\"\d]{0,40}?)[”\"]", s[i : i + 48])
    if qm and len(qm.group(1).split()) <= 5:
        # a counted noun in quotes: 865 “Mái ấm Công đoàn”
        return collapse_ws(qm.group(1)).lower(), i + qm.end()
    m = _UNIT_RE.match(s, i)
    if m:
        unit = m.group(1)
        end = m.end()
        # a list of nouns: "210 công ty, doanh nghiệp, đơn vị"
        while True:
            lm = re.match(r"\s*(?:,|và|hoặc)\s*", s[end : end + 6])
            if not lm:
                break
            nm = _UNIT_RE.match(s, end + lm.end())
            if not nm:
                break
            if re.match(r"tỷ\s+(?:lệ|trọng)", s[nm.start() : nm.start() + 10], re.I):
                break  # "2.318 triệu đồng, tỷ lệ ...": the next subject, not a listed noun
            nxt = s[nm.end() : nm.end() + 2]
            if not re.match(r"^(?:\s|,|$|\.|;)", nxt) or re.match(
                r"\s*\d", s[nm.end() : nm.end() + 3]
            ):
                break
            unit = s[m.start() : nm.end()]
            end = nm.end()
        # keep a modifier that names the unit type: "phòng chuyên môn", "hồ sơ tuyển dụng" stays "hồ sơ"
        if unit.lower() in ("phòng", "bộ phận") and s[end : end + 12].lower().startswith(
            " chuyên môn"
        ):
            unit, end = s[i : end + 11], end + 11
        return unit.lower(), end
    wm = re.match(r"([^\W\d_]+)", s[i:])
    if not wm:
        return None, pos
    word = wm.group(1)
    if word.lower() in NOT_UNITS or word in NOT_UNITS:
        return None, pos
    if not word[0].islower():
        return None, pos  # a name, an acronym ("EPS", "XIII") or the next label
    end = i + len(word)
    # most Vietnamese nouns have two syllables: keep the next word unless it ends the noun
    nm = re.match(r" ([^\W\d_]+)", s[end : end + 20])
    if (
        nm
        and nm.group(1).islower()
        and nm.group(1) not in NOT_UNITS
        and nm.group(1) not in _VERBISH
    ):
        return f"{word} {nm.group(1)}".lower(), end + nm.end()
    return word.lower(), end


@dataclass(frozen=True)
class NumberNote:
    """A number written in a non-standard way and read by a rule ("94.3%" read as 94,3%)."""

    raw: str
    value: float | int
    start: int  # original offsets
    end: int


def _unit_from_label(s: str, a: int, floor: int) -> str | None:
    """ "Số hộ nghèo: 1.449" → "hộ nghèo": a value after a "Số ..." label takes its noun."""
    tail = re.match(r"[\d.,]+\s*", s[a : a + 40])
    if tail is None:
        return None
    nxt = s[a + tail.end() : a + tail.end() + 1]
    if nxt and not (nxt.isupper() or nxt in ".;,)-+–•*" or s[a + tail.end() :].startswith("số ")):
        return None
    before = s[max(floor, a - 120) : a]
    labels = list(_LABEL_START.finditer(before))
    if not labels:
        return None
    label = before[labels[-1].end() :]
    if re.search(r"[.;]|\d", label):
        return None
    unit, _ = _read_unit(label, 0)
    return unit


def find_figures(
    text: str,
    flat: FlatText,
    info: DocumentInfo | None = None,
    period: Period | None = None,
    notes: list[NumberNote] | None = None,
) -> list[Figure]:
    """Every figure in the body of ``text``; non-standard numbers are reported into ``notes``."""
    s = flat.text
    mask = _mask(text, flat)
    body_start = flat_index(flat, info.body_start) if info else 0
    body_end = len(s)
    if info and info.footer_start is not None:
        body_end = flat_index(flat, info.footer_start)
    # "./." closes the body; notes after it ("Hồ sơ kèm theo gồm 52 bộ") report nothing
    closing = s.rfind("./.", body_start, body_end)
    if closing >= 0 and closing > body_start + 0.6 * (body_end - body_start):
        body_end = closing + 3
    sent_starts = _sentence_starts(text, flat)
    future_headings = _heading_starts(_FUTURE_HEADING, text, flat)
    past_headings = _heading_starts(_PAST_HEADING, text, flat)
    plan_doc = bool(info and info.doc_type in _PLAN_DOC_TYPES) or _looks_ahead(info, period)

    from bisect import bisect_right

    def sentence_of(pos: int) -> int:
        return bisect_right(sent_starts, pos) - 1

    def kind_at(a: int, end: int) -> str:
        """result, target or state for the number at flat offset ``a`` (its phrase ends at ``end``)."""
        floor = sent_starts[sentence_of(a)]
        clause_before = s[_clause_start(s, a, floor) : a]
        if _TARGET_CUE.search(_without_attrs(s[floor:a], floor, taken)):
            return "target"
        if _STATE_CUE.search(clause_before) and not _ACHIEVED_AFTER.match(s, end, end + 40):
            return "state"
        if _OF_A_STOCK.match(s, end):
            return "state"  # "tỷ lệ nợ quá hạn chiếm 0,06% tổng dư nợ": the cue follows
        fut = max((h for h in future_headings if h <= a), default=-1)
        past = max((h for h in past_headings if h <= a), default=-1)
        if fut > past or (plan_doc and past < 0):
            return "target"
        return "result"

    # attribute phrases: their numbers are not figures of their own
    attrs: list[tuple[int, int, str, float | int, int]] = []  # (start, end, kind, value, num_start)
    taken = bytearray(len(s))
    for m in _TIMES_RE.finditer(s, body_start, body_end):
        taken[m.start(1) : m.end(1)] = b"\x01" * (m.end(1) - m.start(1))
    for rx, kind in (
        (_PLAN_RE, "plan"),
        (_CHANGE_PCT_RE, "change_pct"),
        (_CHANGE_VAL_RE, "change_val"),
        (_SHARE_RE, "share"),
        (_TARGET_AFTER_RE, "target"),
    ):
        for m in rx.finditer(s, body_start, body_end):
            ns = m.start(2) if rx in (_PLAN_RE, _CHANGE_PCT_RE, _CHANGE_VAL_RE) else m.start(1)
            if taken[ns] or mask[ns]:
                continue
            token = m.group(2) if rx in (_PLAN_RE, _CHANGE_PCT_RE, _CHANGE_VAL_RE) else m.group(1)
            try:
                value, odd = _num(token)
            except ValueError:
                continue
            if odd and notes is not None:
                a0, b0 = flat.span(ns, ns + len(token))
                notes.append(NumberNote(token, value, a0, b0))
            verb = (
                (m.group(1) or "").lower()
                if rx in (_PLAN_RE, _CHANGE_PCT_RE, _CHANGE_VAL_RE)
                else ""
            )
            if kind == "plan" and verb.startswith("vượt"):
                value = 100 + value
            if kind == "change_pct":
                if verb == "giảm":
                    value = -value
                elif verb == "bằng":
                    value = round(value - 100, 6)
            if kind == "change_val" and verb == "giảm":
                value = -value
            if kind == "change_val" and re.match(r"\s*%", s[m.end(2) : m.end(2) + 3]):
                continue
            attrs.append((m.start(), m.end(), kind, value, ns))
            taken[ns : ns + len(token)] = b"\x01" * len(token)
    figures: list[Figure] = _table_rows(text, flat, body_start, body_end, taken)
    from_tables = {id(f) for f in figures}
    for f in figures:  # a "Thực hiện" cell reports a result
        f.sentence = sentence_of(f.num_start)
    for m in NUM_RE.finditer(s, body_start, body_end):
        a, b = m.start(1), m.end(1)
        if mask[a] or taken[a]:
            continue
        token = m.group(1)
        before = s[max(0, a - 40) : a]
        if _NAME_BEFORE.search(before) and not _counted_after_name(s, before, b):
            continue
        try:
            value, nonstd = _num(token)
        except ValueError:
            continue
        end = b
        unit: str | None
        target = None
        pm = re.match(r"\s*(%|phần\s+trăm)", s[b : b + 12])
        pair = re.match(r"\s*/\s*(" + NUM + r")(?![\w/])", s[b : b + 20])
        if pm:
            unit, end = "%", b + pm.end()
            if _THRESHOLD_BEFORE.search(before) and _VOTES_AFTER.match(s, end):
                continue  # "đạt trên 90% số phiếu": a threshold, not a measure of the work
        elif pair:
            try:
                target, _ = _num(pair.group(1))
            except ValueError:
                continue
            taken[b : b + pair.end()] = b"\x01" * pair.end()
            unit, end = _read_unit(s, b + pair.end())
            date_like = (
                isinstance(value, int)
                and isinstance(target, int)
                and value <= 31
                and 1 <= target <= 12
            )
            if date_like and not _UNIT_RE.match(s, b + pair.end() + 1):
                continue  # "trước 10/5": a day and a month
            if unit is None:
                # "17/19 tiêu chí": in a pair even a rule word is what is counted
                wm = re.match(
                    r" ([^\W\d_]+(?: [^\W\d_]+)?)", s[b + pair.end() : b + pair.end() + 30]
                )
                if wm is None or wm.group(1).split()[0] in _FUNCTION_WORDS:
                    continue  # "10/5" without a counted noun is a date, not a pair
                unit, end = wm.group(1).lower(), b + pair.end() + wm.end()
        else:
            unit, end = _read_unit(s, b)
            if unit is None:
                unit = _unit_from_label(s, a, body_start)
                if unit is None:
                    unit = _unit_from_breakdown(s, a, b, figures, sent_starts[sentence_of(a)])
                if unit is None:
                    continue
            if isinstance(value, int) and 1900 <= value <= 2100 and re.search(r"năm\s*$", before):
                continue
            # "1,234 người": a count with three decimals is an English thousands group
            if isinstance(value, float) and re.fullmatch(r"\d{1,3},\d{3}", token):
                value, nonstd = int(token.replace(",", "")), True
        sent = sentence_of(a)
        floor = sent_starts[sent]
        cstart = _clause_start(s, a, floor)
        clause_before = s[cstart:a]
        sentence_before = s[floor:a]
        kind = kind_at(a, end)
        approx = bool(_APPROX_BEFORE.search(s[max(0, a - 20) : a]))
        label = re.sub(r"^[\s\-–+•*:,]+", "", clause_before).strip(" :,-")
        if len(label.split()) < 2:
            label = re.sub(r"^[\s\-–+•*:,]+", "", sentence_before).strip(" :,-")
        if len(label.split()) < 2:
            after = s[end : end + 100]
            stop = re.search(r"[,;.()]", after)
            label = ((unit or "") + " " + (after[: stop.start()] if stop else after)).strip()
        label = " ".join(label.split()[-15:])
        fig = Figure(
            value=value,
            unit=unit,
            kind=kind,
            label=label,
            fstart=max(cstart, a - 80),
            fend=end,
            num_start=a,
            num_end=b,
            target=target,
            approximate=approx,
            nonstandard=nonstd,
            raw=token,
            sentence=sent,
        )
        figures.append(fig)
        # "đạt 73,95%" right after an X/Y pair or a count in the same clause
        if unit != "%":
            rm = _REACH_PCT_RE.match(s, end, min(len(s), end + 60)) or re.match(
                r"\s*[,(]?\s*(?:(?:đạt|bằng|=)\s+)?(?:tỷ\s+lệ\s+)?(" + NUM + r")\s*%\s*\)?",
                s[end : end + 40],
            )
            if rm is None:
                rm2 = re.search(
                    r"[,(]\s*(?:đạt|bằng)\s+(?:tỷ\s+lệ\s+)?(" + NUM + r")\s*%", s[end : end + 60]
                )
                if rm2 and not re.search(r"\d", s[end : end + rm2.start(1) - 1]):
                    rm = rm2
            if rm is not None:
                off = end if rm.re is not _REACH_PCT_RE else 0
                ps = off + rm.start(1)
                if not taken[ps] and not mask[ps]:
                    following = s[off + rm.end() : off + rm.end() + 30].lower()
                    to_plan = "kế hoạch" in following
                    vs_other = re.match(r"\s*(?:so\s+với|trên|của)\s", following) and not to_plan
                    reached = "đạt" in rm.group(0) or "bằng" in rm.group(0)
                    try:
                        pv, _ = _num(rm.group(1))
                    except ValueError:
                        pv = None
                    if pv is not None and (target is not None or reached or vs_other):
                        if fig.plan_percent is None and (target is not None or to_plan):
                            # "28.101/38.000, đạt 73,95%": the share of the target
                            fig.plan_percent = pv
                        else:
                            # "298 ý kiến, đạt 83,7%", "254.300 người, đạt tỷ lệ 78,5% so với
                            # tổng số phụ nữ": a share that qualifies the count, not a figure
                            fig.share_percent = pv
                        taken[ps : ps + len(rm.group(1))] = b"\x01" * len(rm.group(1))
    figures = [
        f for f in figures if not (f.unit == "%" and taken[f.num_start]) or id(f) in from_tables
    ]
    known = {id(f) for f in figures}
    _attach(s, figures, attrs, sent_starts)
    for f in figures:
        if id(f) not in known:  # a percentage that stands alone ("chiếm 0,12% tổng dư nợ")
            f.kind = kind_at(f.num_start, f.fend)
    if notes is not None:
        for f in figures:
            if f.nonstandard:
                a0, b0 = flat.span(f.num_start, f.num_end)
                notes.append(NumberNote(f.raw, f.value, a0, b0))
    for f in figures:
        f.fend = max(f.fend, f.fend)
        f.start, f.end = flat.span(f.fstart, f.fend)
        f.text = " ".join(s[f.fstart : f.fend].split()).strip(" ,;-")
    figures.sort(key=lambda f: f.num_start)
    return figures


def _attach(
    s: str,
    figures: list[Figure],
    attrs: list[tuple[int, int, str, float | int, int]],
    sent_starts: list[int],
) -> None:
    from bisect import bisect_right

    def sentence_of(pos: int) -> int:
        return bisect_right(sent_starts, pos) - 1

    slot = {
        "plan": "plan_percent",
        "change_pct": "change_percent",
        "change_val": "change_value",
        "share": "share_percent",
        "target": "target",
    }
    ordered = sorted(figures, key=lambda f: f.num_start)
    for start, end, kind, value, ns in sorted(attrs):
        sent = sentence_of(ns)
        cands = [f for f in ordered if f.num_start < start and f.sentence == sent]
        if not cands and kind != "share":
            # "3.599 người. (Giảm 10% so với cùng kỳ)": the phrase opens the next sentence
            if start - sent_starts[sent] <= 3:
                prev = [f for f in ordered if f.sentence == sent - 1]
                if prev and start - prev[-1].fend < 40:
                    cands = prev
        else:
            clause_from = _clause_start(s, start, sent_starts[sent])
            own = [f for f in cands if f.num_start >= clause_from]
            if kind == "share" and own and _RATE_SUBJECT.search(s[own[-1].fend : start]):
                own = []  # "2.318 triệu đồng, tỷ lệ nợ quá hạn chiếm 0,06%": a rate of its own
            if not own and len(s[clause_from:start].split()) >= 3:
                cands = []  # "...; số hồ sơ tồn đọng giảm 56 hồ sơ": another subject
        if not cands:
            if kind in ("plan", "change_pct", "share"):
                fig = Figure(value, "%", "result", "", start, end, ns, ns, sentence=sent)
                fig.label = s[sent_starts[sent] : start].strip(" -,:")[-120:]
                figures.append(fig)
            continue
        head = _head_of(cands)
        attr = slot[kind]
        if getattr(head, attr) is None:
            setattr(head, attr, value)
            head.fend = max(head.fend, end)


_RATE_SUBJECT = re.compile(r"[,;]\s*tỷ\s+lệ(?:\s+[^\s\d,;]+){0,6}\s*$", re.IGNORECASE)


def _head_of(cands: list[Figure]) -> Figure:
    """The figure a trailing attribute belongs to: the nearest one, unless it ends a breakdown
    ("221 lao động, trong nước 204 lao động, ngoài nước 17 lao động (đạt 63% ...)")."""
    nearest = cands[-1]
    run = [nearest]
    for f in reversed(cands[:-1]):
        if f.unit == nearest.unit and f.unit != "%":
            run.insert(0, f)
        else:
            break
    if len(run) >= 3:
        total = sum(float(f.value) for f in run[1:])
        if abs(float(run[0].value) - total) < 1e-6:
            return run[0]
    return nearest
