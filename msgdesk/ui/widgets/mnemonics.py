"""One window, one meaning per Alt+letter.

Labels and buttons carry a mnemonic ("&Status"); when two visible controls (or a
control and a menu) share a letter, Alt+letter lands in the wrong field.  ``resolve``
keeps each control's own letter where it is free and otherwise moves it to the first
free letter of a word, then of any letter, in order — so a translated page, whose
words differ, is fixed up the same way.  ``letters_in`` lists what a window uses
(the test that walks every page checks it holds no duplicate).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QWidget


def mnemonic(text: str) -> str | None:
    """The letter after a single "&" in ``text`` (lower case), or None."""
    at = 0
    while True:
        at = text.find("&", at)
        if at < 0 or at + 1 >= len(text):
            return None
        if text[at + 1] == "&":
            at += 2
            continue
        return text[at + 1].lower()


def _plain(text: str) -> str:
    return text.replace("&&", "\x00").replace("&", "").replace("\x00", "&&")


def _candidates(text: str) -> list[int]:
    """Positions to try in the plain text: word starts first, then every other letter."""
    starts = [i for i, c in enumerate(text) if c.isalpha() and (i == 0 or not text[i - 1].isalnum())]
    rest = [i for i, c in enumerate(text) if c.isalpha() and i not in starts]
    return starts + rest


def _text_of(widget: QWidget) -> str | None:
    if isinstance(widget, QAbstractButton):
        return widget.text()
    if isinstance(widget, QLabel) and widget.buddy() is not None:
        return widget.text()
    if isinstance(widget, QGroupBox) and widget.isCheckable():
        return widget.title()
    return None


def _set_text(widget: QWidget, text: str) -> None:
    if isinstance(widget, QGroupBox):
        widget.setTitle(text)
    elif isinstance(widget, QAbstractButton | QLabel):  # the only other kinds with a mnemonic
        widget.setText(text)


def controls(roots: Iterable[QWidget]) -> list[QWidget]:
    found: list[QWidget] = []
    for root in roots:
        for widget in [root, *root.findChildren(QWidget)]:
            if _text_of(widget) is not None and widget not in found:
                found.append(widget)
    return found


def resolve(roots: Iterable[QWidget], reserved: Iterable[str] = ()) -> None:
    """Give every control under ``roots`` a letter no other one (nor ``reserved``) has."""
    used = {letter.lower() for letter in reserved}
    pending = []
    for widget in controls(roots):
        text = _text_of(widget) or ""
        letter = mnemonic(text)
        if letter is None:
            continue
        if letter not in used:
            used.add(letter)
        else:
            pending.append(widget)
    for widget in pending:
        plain = _plain(_text_of(widget) or "")
        for position in _candidates(plain):
            letter = plain[position].lower()
            if letter not in used:
                used.add(letter)
                _set_text(widget, plain[:position] + "&" + plain[position:])
                break
        else:
            _set_text(widget, plain)  # no free letter: better none than a wrong one


def letters_in(window: QWidget) -> list[tuple[str, str]]:
    """(letter, what) of every mnemonic a user can reach in ``window`` right now."""
    # why: the bars' classes (and their enums) for this listing, not for the window's first frame
    from PySide6.QtWidgets import QMenuBar, QTabBar

    found: list[tuple[str, str]] = []
    for bar in window.findChildren(QMenuBar):
        if bar.isVisible():
            for action in bar.actions():
                letter = mnemonic(action.text())
                if letter and action.isVisible():
                    found.append((letter, f"menu {action.text()}"))
    for tabs in window.findChildren(QTabBar):
        if tabs.isVisible():
            for index in range(tabs.count()):
                letter = mnemonic(tabs.tabText(index))
                if letter:
                    found.append((letter, f"tab {tabs.tabText(index)}"))
    for widget in controls([window]):
        if widget.isVisible() and widget.window() is window:
            letter = mnemonic(_text_of(widget) or "")
            if letter:
                found.append((letter, f"{type(widget).__name__} {_text_of(widget)!r}"))
    return found


def window_letters(window: QWidget) -> set[str]:
    """The letters the menu bar and the tab bars of ``window`` take."""
    return {letter for letter, what in letters_in(window) if what.startswith(("menu ", "tab "))}
