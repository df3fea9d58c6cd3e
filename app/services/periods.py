"""When an action is due, as plans of approach write it: a date, or a period ("november 2021",
"Q4 2021", "eerste helft 2022", "2022", "half november", "eind 2022"), open-ended ("vanaf Q1
2022", "vanaf volgend jaar") or "doorlopend"; and recurring actions ("maandelijks", "elk
kwartaal", with a start and an end) with their occurrences. Typed as Dutch text, shown the same
way; an action is overdue only once its period has ended. No database here.

    period = parse_period("Q4", year=2021)       # Period(QUARTER, 2021-10-01 .. 2021-12-31)
    period.text()                               # "Q4 2021"
    period.overdue(date(2022, 1, 1))            # True
    recurrence = parse_recurrence("maandelijks", year=2022)
    len(recurrence.occurrences())               # 12
"""
from __future__ import annotations

import calendar
import enum
import re
from dataclasses import dataclass
from datetime import date, timedelta

from app.services.edit_errors import EditError

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")
_MONTH_WORDS = {name: number for number, name in enumerate(MONTHS, start=1)}
_MONTH_WORDS.update({name[:3]: number for name, number in list(_MONTH_WORDS.items())})
_MONTH_WORDS.update({"mrt": 3, "sept": 9})
HINT = ("Typ een datum (31-12-2022), een maand (november 2022), een kwartaal (Q4 2022), een halfjaar "
        "(eerste helft 2022), een jaar (2022), “vanaf …”, “doorlopend” of hoe vaak (“maandelijks”).")
RECURRENCE_HINT = ("Typ hoe vaak, bijvoorbeeld “maandelijks”, “elk kwartaal”, “halfjaarlijks” of “jaarlijks”, "
                   "eventueel met “vanaf …” en “tot …”.")


class PeriodKind(enum.Enum):
    DATE = "datum"
    MID_MONTH = "half"  # "half november": around the 15th
    MONTH = "maand"
    QUARTER = "kwartaal"
    HALF_YEAR = "halfjaar"
    YEAR = "jaar"
    ONGOING = "doorlopend"


@dataclass(frozen=True, slots=True)
class Period:
    kind: PeriodKind
    start: date | None  # None: doorlopend
    end: date | None
    open_ended: bool = False  # "vanaf ...": from the start on, no end

    def text(self) -> str:
        """Dutch, as typed and printed; parse_period(text()) gives this period back."""
        if self.kind is PeriodKind.ONGOING:
            return "doorlopend"
        core = _core_text(self.kind, self.start)
        return f"vanaf {core}" if self.open_ended else core

    def overdue(self, today: date) -> bool:
        """Past its end (an open-ended or ongoing period never is)."""
        return not self.open_ended and self.end is not None and self.end < today


def _core_text(kind: PeriodKind, start: date) -> str:
    if kind is PeriodKind.DATE:
        return f"{start:%d-%m-%Y}"
    if kind is PeriodKind.MID_MONTH:
        return f"half {MONTHS[start.month - 1]} {start.year}"
    if kind is PeriodKind.MONTH:
        return f"{MONTHS[start.month - 1]} {start.year}"
    if kind is PeriodKind.QUARTER:
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if kind is PeriodKind.HALF_YEAR:
        return f"{'eerste' if start.month == 1 else 'tweede'} helft {start.year}"
    return str(start.year)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month(year: int, number: int) -> Period:
    return Period(PeriodKind.MONTH, date(year, number, 1), _month_end(year, number))


def quarter(year: int, number: int) -> Period:
    return Period(PeriodKind.QUARTER, date(year, 3 * number - 2, 1), _month_end(year, 3 * number))


def half_year(year: int, number: int) -> Period:
    return Period(PeriodKind.HALF_YEAR, date(year, 6 * number - 5, 1), _month_end(year, 6 * number))


def whole_year(year: int) -> Period:
    return Period(PeriodKind.YEAR, date(year, 1, 1), date(year, 12, 31))


def on(day: date) -> Period:
    return Period(PeriodKind.DATE, day, day)


ONGOING = Period(PeriodKind.ONGOING, None, None)

_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(?:q|kw)\s*([1-4])(?:\s+(\d{4}))?$|^([1-4])e\s+kwartaal(?:\s+(\d{4}))?$|"
                      r"^kwartaal\s+([1-4])(?:\s+(\d{4}))?$")
_HALF = re.compile(r"^(?:h([12])|(eerste|tweede|1e|2e)\s+(?:helft|halfjaar))(?:\s+(\d{4}))?$")
_MONTH = re.compile(r"^([a-z]+)\.?(?:\s+(\d{4}))?$")
_MONTH_NUMBER = re.compile(r"^(\d{1,2})[-/](\d{4})$")


def _clean(text: str) -> str:
    return " ".join(str(text).replace("\u00a0", " ").split()).strip().casefold().rstrip(".")


def parse_period(text, year: int | None = None) -> Period | None:
    """The period a Dutch text names; ``year``: the year of a period written without one (the
    plan's year). Blank: None. Anything else: EditError saying what can be typed."""
    if text is None:
        return None
    if isinstance(text, date):
        return on(text)
    raw = " ".join(str(text).split())
    words = _clean(raw)
    if not words:
        return None
    if words in ("doorlopend", "continu", "loopt door", "voortdurend"):
        return ONGOING
    for prefix in ("vanaf ", "per ", "met ingang van "):
        if words.startswith(prefix):
            rest = words[len(prefix):]
            if rest == "volgend jaar":
                if year is None:
                    raise EditError(f"'{raw}': welk jaar is volgend jaar? Typ het jaartal, bijv. “vanaf 2023”.")
                return _open(whole_year(year + 1))
            if rest == "nu" or rest == "heden":
                raise EditError(f"'{raw}': typ vanaf wanneer, bijv. “vanaf Q1 2022”.")
            return _open(_single(rest, year, raw))
    return _single(words, year, raw)


def _open(period: Period) -> Period:
    return Period(period.kind, period.start, None, open_ended=True)


def _need_year(year: int | None, raw: str) -> int:
    if year is None:
        raise EditError(f"'{raw}' noemt geen jaar. Typ het jaar erbij, bijv. “{raw} 2022”.")
    return year


def _single(words: str, year: int | None, raw: str) -> Period:
    match = _DATE.match(words) or _ISO.match(words)
    if match:
        if _ISO.match(words):
            y, m, d = (int(g) for g in match.groups())
        else:
            d, m, y = (int(g) for g in match.groups())
            y += 2000 if len(match.group(3)) == 2 else 0
        try:
            return on(date(y, m, d))
        except ValueError:
            raise EditError(f"'{raw}' is geen bestaande datum. {HINT}") from None
    if _YEAR.match(words):
        return whole_year(_checked_year(int(words), raw))
    if words.startswith("in ") and _YEAR.match(words[3:]):
        return whole_year(_checked_year(int(words[3:]), raw))
    match = _QUARTER.match(words)
    if match:
        groups = [g for g in match.groups() if g is not None]
        number = int(groups[0])
        y = int(groups[1]) if len(groups) > 1 else _need_year(year, raw)
        return quarter(_checked_year(y, raw), number)
    match = _HALF.match(words)
    if match:
        which = match.group(1) or {"eerste": "1", "1e": "1", "tweede": "2", "2e": "2"}[match.group(2)]
        y = int(match.group(3)) if match.group(3) else _need_year(year, raw)
        return half_year(_checked_year(y, raw), int(which))
    for prefix, kind in (("half ", "mid"), ("medio ", "mid"), ("eind ", "end"), ("begin ", "begin")):
        if words.startswith(prefix):
            return _edge(words[len(prefix):], kind, year, raw)
    match = _MONTH_NUMBER.match(words)
    if match:
        number, y = int(match.group(1)), int(match.group(2))
        if 1 <= number <= 12:
            return month(_checked_year(y, raw), number)
    match = _MONTH.match(words)
    if match and match.group(1) in _MONTH_WORDS:
        y = int(match.group(2)) if match.group(2) else _need_year(year, raw)
        return month(_checked_year(y, raw), _MONTH_WORDS[match.group(1)])
    raise EditError(f"'{raw}' is geen datum of periode. {HINT}")


def _edge(rest: str, kind: str, year: int | None, raw: str) -> Period:
    """"half november" (the 15th), "eind 2022" / "eind november" (the last day), "begin 2022" /
    "begin november" (the first day)."""
    inner = _single(rest, year, raw)
    if inner.kind is PeriodKind.MONTH and kind == "mid":
        middle = date(inner.start.year, inner.start.month, 15)
        return Period(PeriodKind.MID_MONTH, middle, middle)
    if kind == "end" and inner.kind in (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF_YEAR, PeriodKind.YEAR):
        return on(inner.end)
    if kind == "begin" and inner.kind in (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF_YEAR, PeriodKind.YEAR):
        return on(inner.start)
    raise EditError(f"'{raw}' is geen datum of periode. {HINT}")


def _checked_year(year: int, raw: str) -> int:
    if not 1900 <= year <= 2200:
        raise EditError(f"'{raw}': het jaar {year} ligt niet tussen 1900 en 2200.")
    return year


# --- recurring actions ------------------------------------------------------------------------------

class Frequency(enum.Enum):
    WEEKLY = "wekelijks"
    MONTHLY = "maandelijks"
    QUARTERLY = "elk kwartaal"
    HALF_YEARLY = "halfjaarlijks"
    YEARLY = "jaarlijks"


_FREQUENCY_WORDS = {
    "wekelijks": Frequency.WEEKLY, "elke week": Frequency.WEEKLY, "iedere week": Frequency.WEEKLY,
    "maandelijks": Frequency.MONTHLY, "elke maand": Frequency.MONTHLY, "iedere maand": Frequency.MONTHLY,
    "per maand": Frequency.MONTHLY,
    "elk kwartaal": Frequency.QUARTERLY, "ieder kwartaal": Frequency.QUARTERLY, "per kwartaal": Frequency.QUARTERLY,
    "driemaandelijks": Frequency.QUARTERLY, "kwartaal": Frequency.QUARTERLY,
    "halfjaarlijks": Frequency.HALF_YEARLY, "elk halfjaar": Frequency.HALF_YEARLY,
    "ieder halfjaar": Frequency.HALF_YEARLY,
    "jaarlijks": Frequency.YEARLY, "elk jaar": Frequency.YEARLY, "ieder jaar": Frequency.YEARLY,
}


@dataclass(frozen=True, slots=True)
class Recurrence:
    frequency: Frequency
    start: date
    end: date  # the last day an occurrence of this part may fall in
    then: Recurrence | None = None  # what follows it ("maandelijks tot juni, daarna elk kwartaal")

    @property
    def last_day(self) -> date:
        """The last day of the whole recurrence, its later parts included."""
        return self.then.last_day if self.then is not None else self.end

    def text(self) -> str:
        """Dutch; parse_recurrence(text()) gives it back."""
        own = f"{self.frequency.value} van {_compact(self.start, True)} t/m {_compact(self.end, False)}"
        return own if self.then is None else f"{own}, daarna {self.then.text()}"

    def short_text(self) -> str:
        """How often and until when: "maandelijks, daarna elk kwartaal t/m 31-12-2023"."""
        frequencies = []
        part = self
        while part is not None:
            frequencies.append(part.frequency.value)
            part = part.then
        return f"{', daarna '.join(frequencies)} t/m {self.last_day:%d-%m-%Y}"

    def occurrences(self) -> list[Period]:
        """Each time the action is due: a week (its Monday as a date), a month, a quarter, a half
        year or a year, from the start to the end; then those of the part that follows."""
        found = self._own_occurrences()
        return found + self.then.occurrences() if self.then is not None else found

    def _own_occurrences(self) -> list[Period]:
        found: list[Period] = []
        if self.frequency is Frequency.WEEKLY:
            day = self.start + timedelta(days=(7 - self.start.weekday()) % 7)
            while day <= self.end:
                found.append(on(day))
                day += timedelta(days=7)
            return found
        step = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.HALF_YEARLY: 6, Frequency.YEARLY: 12}[
            self.frequency]
        make = {1: lambda y, m: month(y, m), 3: lambda y, m: quarter(y, (m - 1) // 3 + 1),
                6: lambda y, m: half_year(y, (m - 1) // 6 + 1), 12: lambda y, m: whole_year(y)}[step]
        y, m = self.start.year, self.start.month - (self.start.month - 1) % step
        while True:
            period = make(y, m)
            if period.start > self.end:
                return found
            if period.end >= self.start:
                found.append(period)
            m += step
            if m > 12:
                y, m = y + 1, m - 12

    def next_occurrence(self, today: date) -> Period | None:
        """The first occurrence that has not ended yet (None: the recurrence is over)."""
        return next((p for p in self.occurrences() if p.end >= today), None)


def _compact(day: date, first: bool) -> str:
    """A month as "06-2022" when the day is its first (a start) or its last (an end): the stored
    text stays short; else the date."""
    if first and day.day == 1 or not first and day == _month_end(day.year, day.month):
        return f"{day:%m-%Y}"
    return f"{day:%d-%m-%Y}"


def is_recurrence(text) -> bool:
    """Whether ``text`` starts with how often ("maandelijks", "elk kwartaal …"): read it as a
    recurrence, not a period."""
    words = " ".join(_clean(" ".join(str(text or "").split())).replace(",", " ").split())
    return any(words == phrase or words.startswith(phrase + " ") for phrase in _FREQUENCY_WORDS)


def recurrence_label(recurrence: Recurrence, today: date) -> str:
    """The planning as the action table shows it: "maandelijks t/m 31-12-2022 · volgende:
    november 2022", or "… · afgelopen" once the last occurrence has ended."""
    upcoming = recurrence.next_occurrence(today)
    tail = f"volgende: {upcoming.text()}" if upcoming is not None else "afgelopen"
    return f"{recurrence.short_text()} · {tail}"


_THEN = re.compile(r"\s*[,;]?\s+(?:en\s+)?daarna\s+", re.IGNORECASE)


def parse_recurrence(text, year: int | None = None) -> Recurrence | None:
    """"maandelijks", "elk kwartaal vanaf april 2022 tot en met 2023", "maandelijks tot en met juni
    2022, daarna elk kwartaal", ... ; ``year``: the plan's year, the default span (that whole
    year) of a recurrence without one. Blank: None."""
    if text is None:
        return None
    raw = " ".join(str(text).split())
    pieces = _THEN.split(raw)
    if len(pieces) == 1:
        return _parse_part(raw, year)[0]
    parts = [_parse_part(piece, year) for piece in pieces]
    # Where one part ends and the next begins: one of the two must be said.
    for index in range(1, len(parts)):
        (before, _, b_end), (after, a_start, a_end) = parts[index - 1], parts[index]
        if not b_end and not a_start:
            raise EditError(f"'{raw}': zeg tot wanneer “{before.frequency.value}” geldt, bijv. "
                            f"“{before.frequency.value} tot en met juni {before.start.year}, daarna …”.")
        if not a_start:
            start = before.end + timedelta(days=1)
            end = after.end if a_end else date(start.year, 12, 31)
            after = Recurrence(after.frequency, start, end)
        elif not b_end:
            before = Recurrence(before.frequency, before.start, after.start - timedelta(days=1))
        if after.start <= before.end or after.end < after.start:
            raise EditError(f"'{raw}': “daarna” begint voordat “{before.frequency.value}” eindigt "
                            f"({before.end:%d-%m-%Y}).")
        parts[index - 1] = (before, True, True)
        parts[index] = (after, True, True)
    chained = None
    for part, _start, _end in reversed(parts):
        chained = Recurrence(part.frequency, part.start, part.end, chained)
    return chained


def _parse_part(raw: str, year: int | None) -> tuple[Recurrence, bool, bool]:
    """One recurrence ("elk kwartaal vanaf april 2022"), and whether its start and its end were said."""
    words = _clean(raw).replace(",", " ")
    words = " ".join(words.split())
    if not words:
        raise EditError(f"'{raw}' is geen herhaling. {RECURRENCE_HINT}")
    frequency = None
    for phrase in sorted(_FREQUENCY_WORDS, key=len, reverse=True):
        if words == phrase or words.startswith(phrase + " "):
            frequency, rest = _FREQUENCY_WORDS[phrase], words[len(phrase):].strip()
            break
    if frequency is None:
        raise EditError(f"'{raw}' is geen herhaling. {RECURRENCE_HINT}")
    start_text, end_text = None, None
    match = re.match(r"^(?:vanaf|van)\s+(.+?)(?:\s+(?:tot en met|t/m|tot)\s+(.+))?$", rest)
    if match:
        start_text, end_text = match.group(1), match.group(2)
    elif rest:
        match = re.match(r"^(?:tot en met|t/m|tot)\s+(.+)$", rest)
        if not match:
            raise EditError(f"'{raw}': na hoe vaak volgt “vanaf …” en/of “tot en met …”. {RECURRENCE_HINT}")
        end_text = match.group(1)
    start_period = parse_period(start_text, year) if start_text else None
    end_period = parse_period(end_text, year) if end_text else None
    if start_period is None and year is None:
        raise EditError(f"'{raw}': vanaf wanneer? Typ bijvoorbeeld “{raw} vanaf januari 2022”.")
    start = start_period.start if start_period is not None else date(year, 1, 1)
    reference_year = start.year
    if end_period is None:
        end = date(year if year is not None else reference_year, 12, 31)
        if end < start:
            end = date(start.year, 12, 31)
    elif end_period.open_ended or end_period.kind is PeriodKind.ONGOING:
        raise EditError(f"'{raw}': “tot” heeft een eind nodig, bijv. “tot en met december 2022”.")
    else:
        end = end_period.end
    if end < start:
        raise EditError(f"'{raw}': het eind ({end:%d-%m-%Y}) ligt voor het begin ({start:%d-%m-%Y}).")
    return Recurrence(frequency, start, end), start_period is not None, end_period is not None
