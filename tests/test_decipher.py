"""Outline glyph shapes deciphered with a language model (`extract.decipher`): one reading
per shape, among the syllables that look like the OCR's, chosen by the words it makes."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from gongmun.extract.decipher import Slot, Template, decipher, ink_between, neighbours, windows

WOL, JUNG, IL = ("shape", "월"), ("shape", "중"), ("shape", "일")


def words(*parts: str | tuple[str, str]) -> Template:
    return tuple(Slot(p) if isinstance(p, tuple) else p for p in parts)


def lexicon_scorer(good: dict[str, float]) -> tuple[list[str], object]:
    """A stand-in language model: each known word in a text adds its score, others -20."""
    calls: list[str] = []

    def score(texts: Sequence[str]) -> list[float]:
        calls.extend(texts)
        return [sum(good.get(w, -20.0) for w in t.split()) for t in texts]

    return calls, score


def test_one_reading_fixes_every_occurrence_of_a_consistently_misread_shape() -> None:
    lines = [[words("7", WOL)], [words("6", WOL, JUNG)], [words(WOL, "간")]]
    _, score = lexicon_scorer({"7월": -5, "6월중": -6, "월간": -6, "중": -5})
    reading = decipher({WOL: "윌", JUNG: "중"}, lines, score)  # type: ignore[arg-type]
    assert reading == {WOL: "월", JUNG: "중"}


def test_a_shape_keeps_its_reading_when_the_model_gains_too_little() -> None:
    lines = [[words("7", WOL)], [words("6", WOL)]]
    _, score = lexicon_scorer({"7월": -19.0, "6월": -19.0, "7윌": -20.0, "6윌": -20.0})
    assert decipher({WOL: "윌"}, lines, score)[WOL] == "윌"  # type: ignore[arg-type]


def test_a_shape_seen_once_is_left_to_the_corrector() -> None:
    _, score = lexicon_scorer({"7월": -5})
    assert decipher({WOL: "윌"}, [[words("7", WOL)]], score)[WOL] == "윌"  # type: ignore[arg-type]


def test_two_shapes_of_one_size_do_not_take_the_same_syllable() -> None:
    # The model likes 일 far more than 월 after a digit, and one occurrence was read 일;
    # but 일 is another shape's of this size.
    alternatives = {WOL: ["윌", "일"]}
    lines = [[words("7", WOL)], [words("6", WOL)], [words("3", IL)], [words("4", IL)]]
    good = {"7일": -1.0, "6일": -1.0, "7월": -9.0, "6월": -9.0, "3일": -1.0, "4일": -1.0}
    _, score = lexicon_scorer(good)
    reading = decipher({WOL: "윌", IL: "일"}, lines, score,  # type: ignore[arg-type]
                       alternatives, groups={WOL: 10.0, IL: 10.0})
    assert reading == {WOL: "월", IL: "일"}
    other_size = decipher({WOL: "윌", IL: "일"}, lines, score,  # type: ignore[arg-type]
                          alternatives, groups={WOL: 10.0, IL: 13.0})
    assert other_size[WOL] == "일"  # no rival of its size: the model decides


def test_words_are_judged_with_their_neighbours_on_the_line() -> None:
    line = [words("가"), words(WOL), words("나"), words("다")]
    found = windows([line])
    assert [w for w, _ in found] == [words(WOL)]
    assert found[0][1] == words("가", " ", WOL, " ", "나")


def test_candidates_are_syllables_that_look_alike_and_common() -> None:
    near = dict(neighbours("윌"))
    assert "월" in near  # ㅟ -> ㅝ: one short stroke
    assert all(len(c.encode("euc-kr")) == 2 for c in near)  # KS X 1001 syllables only
    assert ink_between("윌", "월") < ink_between("윌", "일")  # ㅜ imagined costs more
    assert "원" in dict(neighbours("윈"))


def test_the_language_model_calls_are_bounded() -> None:
    lines = [[words(str(i), WOL, "x" * i)] for i in range(40)]
    calls, score = lexicon_scorer({})
    decipher({WOL: "윌"}, lines, score)  # type: ignore[arg-type]
    assert len(calls) <= 8 * (4 + 1) + len(neighbours("윌")) + 1


def test_an_edit_made_for_one_shape_is_cheaper_for_the_next() -> None:
    # This font loses final ㄴ: 전 read 저 (clear in its words), 신 read 시 (less clear).
    jeon, sin = ("shape", "전"), ("shape", "신")
    good = {"전월": -5.0, "저월": -40.0, "신용": -10.0, "시용": -20.0}
    _, score = lexicon_scorer(good)
    alone = [[words(sin, "용")], [words(sin, "용")]]
    assert decipher({sin: "시"}, alone, score)[sin] == "시"  # type: ignore[arg-type]
    both = [*alone, [words(jeon, "월")], [words(jeon, "월")]]
    reading = decipher({sin: "시", jeon: "저"}, both, score)  # type: ignore[arg-type]
    assert reading == {sin: "신", jeon: "전"}


def test_the_reader_has_no_language_model_unless_given_one() -> None:
    from gongmun.extract.decipher import language_model, using_language_model

    def model() -> Callable[[Sequence[str]], list[float]]:
        return lambda texts: [0.0 for _ in texts]

    assert language_model() is None
    with using_language_model(model):
        assert language_model() is model
    assert language_model() is None
