"""The hardened YAML loader: what it accepts, what it refuses, and where it says the problem is."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govkit.errors import InputError
from govkit.yamlio import Limits, Position, load_yaml


def load(text: str | bytes, limits: Limits | None = None) -> dict[str, object]:
    content = text.encode("utf-8") if isinstance(text, str) else text
    document = load_yaml(content, "f.yaml", limits) if limits else load_yaml(content, "f.yaml")
    return document.data


def refusal(text: str | bytes, limits: Limits | None = None) -> str:
    with pytest.raises(InputError) as caught:
        load(text, limits)
    (problem,) = caught.value.problems
    return str(problem)


def test_plain_scalars_resolve_by_the_yaml_1_2_core_schema() -> None:
    data = load(
        "a: 1\nb: -2.5\nc: true\nd: ~\ne: yes\nf: on\ng: 0x1F\nh: 0o17\ni: 1e3\nj: 012\nk:\n"
    )
    assert data == {
        "a": 1,
        "b": -2.5,
        "c": True,
        "d": None,
        "e": "yes",  # YAML 1.1's booleans are plain text in 1.2
        "f": "on",
        "g": 31,
        "h": 15,
        "i": 1000.0,
        "j": 12,
        "k": None,
    }


def test_dates_and_times_stay_strings() -> None:
    data = load("d: 2024-03-20\nt: 2024-03-20T10:00:00Z\nbad: 2024-13-45\nj: 1403/12/30\n")
    assert data == {
        "d": "2024-03-20",
        "t": "2024-03-20T10:00:00Z",
        "bad": "2024-13-45",
        "j": "1403/12/30",
    }


def test_quoted_scalars_are_always_text() -> None:
    assert load("a: '1'\nb: \"true\"\nc: |\n  10\n") == {"a": "1", "b": "true", "c": "10\n"}


def test_a_utf8_bom_is_accepted() -> None:
    assert load(b"\xef\xbb\xbfa: 1\n") == {"a": 1}


def test_positions_are_one_based_and_count_characters() -> None:
    document = load_yaml("t: {fa: بودجه, en: Budget}\nl:\n  - x\n".encode(), "f.yaml")
    assert document.locate("/t/en") == Position(1, 20)
    assert document.locate("/t/en", key=True) == Position(1, 16)
    assert document.locate("/l/0") == Position(3, 5)
    # An absent node is located at its nearest ancestor.
    assert document.locate("/l/7/name") == Position(3, 3)
    assert document.locate("/missing") == Position(1, 1)


def test_json_pointer_tokens_are_escaped() -> None:
    document = load_yaml(b"a/b: {c~d: 1}\n", "f.yaml")
    assert document.locate("/a~1b/c~0d") == Position(1, 12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &x 1\n", "f.yaml:1:4: anchors are not allowed (&x)"),
        ("a: 1\nb: *x\n", "f.yaml:2:4: aliases are not allowed (*x)"),
        ("a: !!str 1\n", "f.yaml:1:4: explicit tags are not allowed"),
        ("a: ! 1\n", "f.yaml:1:4: explicit tags are not allowed (!)"),
        ("%TAG !e! tag:e.org,2000:\n---\na: 1\n", "f.yaml:1:1: %TAG directives are not allowed"),
        ("a: 1\n---\nb: 2\n", "f.yaml:2:1: more than one YAML document"),
        ("a: 1\na: 2\n", "f.yaml:2:1: duplicate key 'a'"),
        ("? [a]\n: 1\n", "f.yaml:1:3: mapping keys must be plain text"),
        ("a: .nan\n", "f.yaml:1:4: '.nan' is not a finite number"),
        ("a: 1e999\n", "f.yaml:1:4: '1e999' overflows a number"),
        ("", "f.yaml:1:1: file is empty"),
        ("# only a comment\n", "f.yaml:1:1: file is empty"),
        ("just text\n", "f.yaml:1:1: expected a YAML mapping at the top of the file, found str"),
        ("---\n", "f.yaml:1:1: expected a YAML mapping at the top of the file, found nothing"),
    ],
)
def test_refusals_point_at_the_problem(text: str, expected: str) -> None:
    assert refusal(text).startswith(expected)


def test_an_alias_bomb_is_refused_at_its_first_anchor() -> None:
    bomb = "a: &a [x, x]\n" + "".join(f"l{i}: &l{i} [*a, *a]\n" for i in range(30))
    assert "anchors are not allowed" in refusal(bomb)


def test_block_nesting_beyond_the_cap_is_refused() -> None:
    deep = "".join("  " * i + "a:\n" for i in range(40)) + "  " * 40 + "b: 1\n"
    assert refusal(deep).startswith("f.yaml:32:")
    assert "nesting deeper than 32 levels" in refusal(deep)


def test_size_node_scalar_and_integer_caps() -> None:
    assert "the limit is 10" in refusal("a: 12345678\n", Limits(max_bytes=10))
    assert "more than 3 YAML nodes" in refusal("a: [1, 2, 3]\n", Limits(max_nodes=3))
    assert "longer than 5 characters" in refusal("a: abcdef\n", Limits(max_scalar_chars=5))
    assert "integer of 31 digits" in refusal("a: " + "1" * 31 + "\n")
    assert load("a: " + "1" * 30 + "\n") == {"a": int("1" * 30)}


def test_invalid_utf8_is_located_at_the_bad_byte() -> None:
    assert refusal(b"a: 1\nname: caf\xe9\n").startswith("f.yaml:2:10: not valid UTF-8 (byte 0xe9)")


def test_control_characters_are_located_after_multibyte_text() -> None:
    assert refusal("a: بودجه\nb: x\x07\n").startswith("f.yaml:2:5: invalid YAML")


yaml_like = st.text(
    alphabet=st.sampled_from(list("ab: -[]{}&*!%#'\"\n\t,?|>~.01é۱")), max_size=60
).map(lambda s: s.encode("utf-8"))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=200), yaml_like))
def test_any_bytes_give_a_document_or_one_input_error(content: bytes) -> None:
    try:
        document = load_yaml(content, "f.yaml")
    except InputError as error:
        problems = error.problems
    else:
        assert isinstance(document.data, dict)
        assert all(p.line >= 1 and p.column >= 1 for p in document.positions.values())
        return
    assert len(problems) == 1
    (problem,) = problems
    assert problem.path == "f.yaml"
    assert problem.line >= 1
    assert problem.column >= 1
    assert problem.message
