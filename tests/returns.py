"""Returns the export tests share: hostile text, and one as long as officers might write."""

from __future__ import annotations

from datetime import date

from msgdesk.domain.return_values import ActionData, ResponseData, ReturnData

MARKUP = ['<b>not bold</b>', '<img src="/etc/hostname"/>', "&amp;", "a < b > c", "<font size=40>x</font>",
          "<para>", "&#169;", "<a href=\"file:///etc/passwd\">link</a>"]
FORMULA_LIKE = ["=SUM(A1)", "+44 1851", "-minus", "@at", "\uff1d1+1", "\uff0bcmd", "\uff0d2", "\uff20home"]
GAELIC = "Slàinte Mhath – “curly” ‘quotes’ ✓ Màiri Nic a’ Phì, Ùisdean, Eòghann"
EMOJI = "😀 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"


def hostile_return() -> ReturnData:
    """Markup, formula prefixes (also fullwidth), Gaelic, emoji, control characters and
    very long fields (5,000-word evidence, 1,000-word action cells, a 20,000-character word)."""
    words = [f"w{i:04d}" for i in range(5000)]
    data = ReturnData(
        partnership="Comhairle nan Eilean Siar <b>&amp;</b> “Slàinte” – ✓",
        round="2021/22",
        contact="Màiri Nic a’ Phì <mairi@cne-siar.gov.uk>",
        completed_on=date(2021, 5, 3),
    )
    data.responses.append(ResponseData("1.1", "exemplary", evidence=" ".join(words)))
    data.responses.append(ResponseData(
        "1.2", "partly_established",
        evidence="\n".join(MARKUP + FORMULA_LIKE + [GAELIC + " " + EMOJI, "bell\x07 and nul\x00 dropped"]),
        actions=[
            ActionData(" ".join(f"a{i:04d}" for i in range(1000)), " ".join(f"d{i:04d}" for i in range(1000)),
                       " ".join(f"t{i:03d}" for i in range(300)), lead="<b>Lead</b> & co"),
            ActionData("x" * 20000, "", "December 2021"),
            ActionData("<img src=\"/etc/hostname\"/> & <b>bold</b>", "=cmd|' /C calc'!A0", "Q4 20/21",
                       lead="\uff1dHYPERLINK(\"http://x\")"),
            ActionData(GAELIC, EMOJI, "Already in place and under regular review. Last reviewed Q4 20/21",
                       due_date=date(2022, 1, 5)),
        ] + [ActionData(text, text, text, lead=text) for text in FORMULA_LIKE]))  # each cell starts with one
    return data


def long_return(evidence_words: int = 5000, action_chars: int = 10_000, actions_per_proposal: int = 2) -> ReturnData:
    """Every proposal for local completion with ``evidence_words`` words of evidence and
    actions of ``action_chars`` characters in each of their three cells; every word unique
    (``e2.3n0042``, ``a2.3n1x0042``, ``d...``, ``t...``) so that a test can find each one."""
    from msgdesk.domain.template import load_template

    data = ReturnData("Long Health and Social Care Partnership", "2022", contact="Officer",
                      completed_on=date(2022, 5, 3))
    for index, proposal in enumerate(load_template().local_proposals):
        actions = []
        for n in range(actions_per_proposal):
            actions.append(ActionData(*(_chars(f"{cell}{proposal.id}n{n}x", action_chars) for cell in "adt"),
                                      lead=f"Lead {proposal.id}"))
        data.responses.append(ResponseData(proposal.id, ("established", "exemplary")[index % 2],
                                           evidence=" ".join(f"e{proposal.id}n{i:04d}" for i in range(evidence_words)),
                                           actions=actions))
    return data


def _chars(prefix: str, length: int) -> str:
    """Words ``prefix0000 prefix0001 ...`` up to ``length`` characters."""
    words, size, i = [], 0, 0
    while True:
        word = f"{prefix}{i:04d}"
        if size + len(word) + 1 > length:
            break
        words.append(word)
        size += len(word) + 1
        i += 1
    return " ".join(words)
