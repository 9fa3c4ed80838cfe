"""The authored part of a draft: quoted replies, forwarded mail and signatures are cut away."""

from __future__ import annotations

import pytest

from tactful.engine.authored import authored_blocks


def authored(text: str) -> str:
    return "\n".join(text[b.start:b.end] for b in authored_blocks(text))


def test_plain_draft_is_all_authored():
    text = "Hi Dana,\n\nYour refund went out today.\n"
    assert authored(text).strip() == "Hi Dana,\n\nYour refund went out today."


def test_quoted_lines_are_cut_and_the_text_around_them_kept():
    text = "Thanks, see below.\n> You promised this would never happen again.\n> Sorry but I'm angry.\nIt ships Friday."
    out = authored(text)
    assert "promised" not in out and "angry" not in out
    assert "Thanks, see below." in out and "It ships Friday." in out
    assert len(authored_blocks(text)) == 2


def test_nested_and_indented_quotes():
    text = "Reply here.\n  > > older quote\n >quote without space\nEnd."
    out = authored(text)
    assert "quote" not in out and out.startswith("Reply here.") and out.endswith("End.")


@pytest.mark.parametrize("header", [
    "On Tue, 3 Mar 2026 at 09:12, Priyanka Shah <priyanka@example.com> wrote:",
    "On Mon, Mar 9, 2026 at 10:31 AM Zoë Hartley wrote:",
    "Le mar. 3 mars 2026 à 09:12, Anne <anne@example.fr> a écrit :",
    "Am 03.03.2026 um 09:12 schrieb Jan <jan@example.de>:",
])
def test_on_wrote_block_and_everything_after_is_cut(header):
    text = f"I've issued the credit note.\n\nMateo\n\n{header}\nThird time I'm writing. You never fixed it.\n"
    out = authored(text)
    assert "never fixed" not in out and "wrote" not in out and "schrieb" not in out
    assert "credit note" in out


def test_on_wrote_wrapped_over_two_lines():
    text = ("Booked for Thursday.\n\nOn Thu, 12 Mar 2026 at 11:05, Kwabena Osei <k.osei@example.com>\n"
            "wrote:\nResidents were promised this would be fixed.")
    out = authored(text)
    assert "Residents" not in out and "Booked for Thursday." in out


def test_quoted_customer_text_without_markers_after_on_wrote():
    text = ("Confirmed: the credit is applied.\n\nOn Wed, 11 Mar 2026 at 17:52, Deepa <deepa@example.io> wrote:\n"
            "Your contract guarantees 99.9% uptime and you never told us.\n")
    assert "guarantees" not in authored(text)


def test_outlook_header_block_is_cut():
    text = ("The engineer comes Monday at 8.\n\n"
            "From: Dana Lee <dana@example.com>\nSent: Tuesday, March 3, 2026 9:12 AM\n"
            "To: Support <support@example.com>\nSubject: RE: Broken heater\n\n"
            "I was promised a fix last week.")
    out = authored(text)
    assert "promised" not in out and "From:" not in out and "Monday at 8" in out


def test_outlook_header_with_bold_markers_and_date():
    text = ("Done.\n\n*From:* Dana <dana@example.com>\n*Date:* 3 March 2026\n*To:* Us\n*Subject:* Help\n\nOld text.")
    assert "Old text" not in authored(text)


def test_a_lone_from_line_in_the_body_is_not_a_header():
    text = "From: the warehouse in Leeds, your parcel left at 9.\nIt arrives Friday."
    assert authored(text) == text


@pytest.mark.parametrize("separator", [
    "-----Original Message-----",
    "---------- Forwarded message ---------",
    "-------- Forwarded Message --------",
    "Begin forwarded message:",
    "________________________________",
])
def test_original_and_forwarded_messages_are_cut(separator):
    text = f"See the thread below; I'll call you at 3.\n\n{separator}\nYou never answer my emails.\n"
    out = authored(text)
    assert "never answer" not in out and "call you at 3" in out


def test_dash_dash_space_signature_is_cut():
    text = "Your order ships today.\n\n-- \nMei Chen\nLoom & Line | Have a great day!\n"
    out = authored(text)
    assert "Have a great day" not in out and "ships today" in out


def test_sign_off_and_short_signature_lines_are_cut():
    text = ("Your refund of £24 is on its way.\n\nKind regards,\nInês Carvalho\nFront Office Manager\n"
            "Hotel Alfama Azul\n+351 21 000 0000\n")
    out = authored(text)
    assert out.strip() == "Your refund of £24 is on its way."


@pytest.mark.parametrize("sign_off", ["Best,", "Thanks,", "Cheers", "Many thanks!", "Best regards", "Sincerely,",
                                      "Take care,", "Thank you,"])
def test_common_sign_offs(sign_off):
    text = f"The part arrives Monday.\n\n{sign_off}\nPhil\n"
    assert authored(text).strip() == "The part arrives Monday."


def test_a_sign_off_followed_by_a_long_paragraph_is_not_a_signature():
    body = "Thanks,\n" + "This is a long paragraph of real content that the agent wrote and that goes on. " * 3
    text = "Hello.\n" + body
    assert "real content" in authored(text)


def test_signature_before_quoted_reply():
    text = ("Rebooked you for 9 am.\n\nBest,\nJo\n\nOn Mon, 2 Mar 2026 at 10:00, Sam <sam@example.com> wrote:\n"
            "> Where is my booking?\n")
    assert authored(text).strip() == "Rebooked you for 9 am."


def test_crlf_line_endings():
    text = ("Hi Dana,\r\n\r\nYour parcel left today.\r\n\r\nKind regards,\r\nNadia\r\n\r\n"
            "On Tue, 3 Mar 2026 at 09:12, Dana <dana@example.com> wrote:\r\n> Where is it?\r\n")
    blocks = authored_blocks(text)
    out = authored(text)
    assert "Where is it" not in out and "Nadia" not in out and "parcel left today" in out
    for b in blocks:  # offsets are code-point indexes into the original text
        assert "\r" not in text[b.end - 1:b.end] and text[b.start:b.end].strip()


def test_crlf_quoted_lines():
    text = "Thanks.\r\n> quoted one\r\n> quoted two\r\nSee you Monday.\r\n"
    out = authored(text)
    assert "quoted" not in out and "Thanks." in out and "See you Monday." in out


def test_empty_and_whitespace_drafts():
    assert authored_blocks("") == []
    assert authored_blocks("  \n\n ") == []


def test_findings_never_land_in_quoted_text():
    from tactful.engine.reviewer import Reviewer
    from tactful.packs.pack import builtin_packs
    reviewer = Reviewer(builtin_packs()["core"])
    text = ("Your technician comes Thursday at 10.\n\n"
            "On Tue, 3 Mar 2026 at 09:12, Dana <dana@example.com> wrote:\n"
            "> We apologize for any inconvenience. Calm down. I guarantee it.\n")
    cut = text.index("On Tue")
    assert all(f.end <= cut for f in reviewer.review(text).findings)
