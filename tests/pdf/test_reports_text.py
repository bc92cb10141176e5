"""Text on its way to the PDF: escaped, cleaned, shaped and set in the right face."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from behaviours.pdf.styles import ARABIC, ARABIC_BOLD, fonts, paragraph_styles
from behaviours.pdf.text import clean, has_rtl, markup, plain, rtl_first, rtl_lines, visual


def test_markup_escapes_every_markup_character() -> None:
    assert markup("<b>&\"'") == "&lt;b&gt;&amp;&quot;&#39;"


def test_markup_of_an_injection_attempt_parses_as_plain_text() -> None:
    para = Paragraph(markup("</para><font size=40>x</font>"), paragraph_styles()["body"])
    assert "".join(f.text for f in para.frags) == "</para><font size=40>x</font>"


def test_clean_removes_control_and_bidi_override_characters() -> None:
    assert clean("a\x00b\x07c\u202ed\ufeffe") == "abcde"


def test_clean_turns_tabs_and_odd_spaces_into_plain_spaces() -> None:
    assert clean("a\tb\u00a0c\u3000d") == "a b c d"


def test_clean_keeps_line_breaks_as_newlines() -> None:
    assert clean("a\r\nb\u2028c") == "a\n\nb\nc"


def test_clean_composes_accents_so_the_font_has_the_glyph() -> None:
    assert clean("Zoe\u0308") == "Zoë"


def test_clean_replaces_characters_no_shipped_font_can_draw() -> None:
    assert clean("王") == "\ufffd"


def test_accented_latin_names_survive_cleaning_unchanged() -> None:
    for name in ("Zoë", "Siobhán", "Łukasz", "Ørsted", "Žofia"):
        assert clean(name) == name


def test_has_rtl_detects_arabic_script_and_hebrew_only() -> None:
    assert has_rtl("عائشہ")
    assert has_rtl("שלום")
    assert not has_rtl("Zoë")


def test_urdu_name_is_shaped_into_joined_forms_in_visual_order() -> None:
    shown = visual("عائشہ")
    assert all(0xFB50 <= ord(c) <= 0xFEFF for c in shown)  # presentation (joined) forms
    logical = unicodedata.normalize("NFKC", shown)[::-1]
    assert logical == unicodedata.normalize("NFKC", "عائشہ")


def test_every_shaped_form_of_urdu_letters_is_in_the_arabic_face() -> None:
    from arabic_reshaper.letters import LETTERS_ARABIC

    forms = {ord(f) for letter in LETTERS_ARABIC.values() for f in letter if f}
    assert forms <= fonts().arabic


def test_arabic_runs_are_set_in_the_arabic_face_and_bold_in_its_bold() -> None:
    assert f'face="{ARABIC}"' in markup("Ali عائشہ")
    assert f'face="{ARABIC_BOLD}"' in markup("عائشہ", bold=True)
    assert "face=" not in markup("Łukasz")


def test_plain_puts_line_breaks_on_one_line() -> None:
    assert plain("a\nb") == "a b"


def test_rtl_first_follows_the_first_strong_letter() -> None:
    assert rtl_first("123 عائشہ said hi")
    assert not rtl_first("Hi عائشہ")


def test_rtl_lines_keep_reading_order_top_to_bottom() -> None:
    words = "ایک دو تین چار پانچ چھ"
    lines = rtl_lines(words, 25, lambda s: 10.0 * len(s.split()))
    firsts = [unicodedata.normalize("NFKC", line)[::-1].split()[0] for line in lines]
    assert firsts == ["ایک", "تین", "پانچ"]


@given(st.text())
def test_clean_output_has_no_control_characters(text: str) -> None:
    assert not any(unicodedata.category(c) in ("Cc", "Cs") and c != "\n" for c in clean(text))


@given(st.text())
def test_markup_always_parses(text: str) -> None:
    Paragraph(markup(text), paragraph_styles()["body"])
