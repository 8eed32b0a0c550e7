"""What a figure is made of: a number token, the noun it counts, and the
figure found in a text (``FoundFigure``), shared by the running-text and the
table readers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from danvan.core.numbers import parse_number_detail
from danvan.core.text import collapse_ws

# A figure's fields in `danvan extract`'s JSON, in their order (../shared/spec/extraction.md).
FIGURE_FIELDS = (
    "value",
    "unit",
    "kind",
    "label",
    "plan_percent",
    "change_percent",
    "change_value",
    "target",
    "approximate",
    "text",
    "start",
    "end",
)


@dataclass
class FoundFigure:
    """A figure found in a document's text: flat-text offsets (``fstart``..``fend``,
    the number at ``num_start``..``num_end``) until ``start``/``end`` are set."""

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
        return {name: getattr(self, name) for name in FIGURE_FIELDS}


@dataclass(frozen=True)
class NumberNote:
    """A number written in a non-standard way and read by a rule ("94.3%" read as 94,3%)."""

    raw: str
    value: float | int
    start: int  # original offsets
    end: int


NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3}){2,}|\d+(?:[.,]\d+)?"


# NUM after its first digit (every form of NUM opens with one)
_NUM_REST = r"\d{0,2}(?:\.\d{3})+(?:,\d+)?|\d{0,2}(?:,\d{3}){2,}|\d*(?:[.,]\d+)?"


# a number standing alone; the look-behind comes after the first digit so that the
# search skips to digits at C speed instead of trying it at every position
NUM_RE = re.compile(r"(\d(?<![\w.,/\-–:]\d)(?:" + _NUM_REST + r"))(?![\w]|[.,:]\d|\s*[-–]\s*\d{4})")


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
        bài tuyên truyền|xuất|nhà đại đoàn kết|mái ấm|buổi sinh hoạt|cơ sở hội|công đoàn cơ sở|
        huân chương|huy chương|kỷ niệm chương|cờ thi đua|m3|m³|km2|km²|giường bệnh|bác sĩ""".replace(
            "\n", ""
        )
        .replace("  ", "")
        .split("|"),
        key=len,
        reverse=True,
    )
)


UNIT_RE = re.compile(
    r"(" + "|".join(re.escape(u.strip()) for u in UNITS if u.strip()) + r")(?![\w])",
    re.IGNORECASE,
)


# Words after a number that mean it is not a counted quantity.
NOT_UNITS = frozenset(
    """ngày tháng năm quý tuần phút giây tuổi điều thao tác nguyên tắc chữ bước không tốt giỏi
    sạch cùng nhất có xây chống nội dung nhiệm vụ yêu cầu quan điểm khâu tiêu chí mục tiêu
    về của và so đến trong tại là được theo với để cho đã đang sẽ từ đối hoặc hay thì mà nên
    khi vì do bởi trên dưới gồm như tới hết kể lần thứ hằng hàng mỗi các những cả tất lúc vào
    sau trước sao""".split()
)


VERBISH = frozenset(
    "đạt tăng giảm bằng tham dự tham gia được bị đã đang sẽ thoát tái có không là chiếm trên dưới "
    "tiếp mới cũ khác này đó ấy nữa".split()
)


_WORD = re.compile(r"([^\W\d_]+)")


def read_number(token: str) -> tuple[float | int, bool]:
    """The value of a number token; ValueError for a digit run too long to be a quantity
    (it would not survive as a JSON number)."""
    if token.isascii() and token.isdigit() and len(token) <= 18:
        return int(token), False  # the common case, read as parse_number_detail would
    if sum(c.isdigit() for c in token) > 18:
        raise ValueError(f"not a quantity: {token[:30]!r}")
    return parse_number_detail(token)


_QUOTED_NOUN = re.compile(r"[“\"]([^\W\d_][^“”\"\d]{0,40}?)[”\"]")
_LIST_JOIN = re.compile(r"\s*(?:,|và|hoặc)\s*")


def read_unit(s: str, pos: int) -> tuple[str | None, int]:
    """The counted noun after a number, with its classifier; (None, pos) when there is none."""
    i = pos
    while i < len(s) and s[i] == " ":
        i += 1
    qm = _QUOTED_NOUN.match(s[i : i + 48])
    if qm and len(qm.group(1).split()) <= 5:
        # a counted noun in quotes: 865 “Mái ấm Công đoàn”
        return collapse_ws(qm.group(1)).lower(), i + qm.end()
    m = UNIT_RE.match(s, i)
    if m:
        unit = m.group(1)
        end = m.end()
        # a list of nouns: "210 công ty, doanh nghiệp, đơn vị"
        while True:
            lm = _LIST_JOIN.match(s[end : end + 6])
            if not lm:
                break
            nm = UNIT_RE.match(s, end + lm.end())
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
    wm = _WORD.match(s, i)
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
    if nm and nm.group(1).islower() and nm.group(1) not in NOT_UNITS and nm.group(1) not in VERBISH:
        return f"{word} {nm.group(1)}".lower(), end + nm.end()
    return word.lower(), end
