"""What the browser tests do on pages: layout and focus checks, keyboard moves, axe-core."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_AXE_RUN = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return {
    passes: results.passes.map(rule => rule.id),
    violations: results.violations.map(rule => ({
      id: rule.id, impact: rule.impact, help: rule.help, helpUrl: rule.helpUrl,
      nodes: rule.nodes.map(node => ({
        target: node.target.join(' '), summary: node.failureSummary || ''})),
    })),
  };
}"""


def axe_results(page, axe_script: Path) -> dict:
    """Run axe-core's WCAG 2.1 A and AA rules on the page as it is now."""
    page.add_script_tag(path=str(axe_script))
    return page.evaluate(_AXE_RUN, AXE_TAGS)


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for rule in violations:
        lines.append(f"- {rule['id']} ({rule['impact']}): {rule['help']} <{rule['helpUrl']}>")
        for node in rule["nodes"]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {node['target']}: {summary}")
    return "\n".join(lines)


def assert_no_axe_violations(page, axe_script: Path) -> None:
    results = axe_results(page, axe_script)
    # axe found the document and ran rules on it: a page it could not read would pass nothing.
    assert "html-has-lang" in results["passes"], results["passes"]
    assert not results["violations"], (
        f"axe-core found accessibility violations on {page.url}:\n"
        + describe_violations(results["violations"]))


def assert_no_horizontal_scroll(page, width: int = 360) -> None:
    """The page fits the viewport: nothing is wider than the phone's screen."""
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= width, (
        f"{page.url} scrolls sideways at {width} px: scrollWidth is {scroll_width}; "
        f"too wide: {widest_elements(page, width)}")


def widest_elements(page, width: int) -> list[str]:
    """Name the elements that stick out of the viewport or whose content spills out of them."""
    return page.evaluate("""(width) => [...document.querySelectorAll('body *')]
        .filter(el => el.getBoundingClientRect().right > width
            || (el.scrollWidth > el.clientWidth + 1
                && getComputedStyle(el).overflowX === 'visible'))
        .slice(0, 8)
        .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
             + (typeof el.className === 'string' && el.className ? '.' + el.className : '')
             + ` right=${Math.round(el.getBoundingClientRect().right)}`
             + ` content=${el.scrollWidth}`)""", width)


def console_problems(page) -> list[str]:
    """Collect from now on script errors, console errors such as CSP refusals, and failed
    stylesheets or images. Pages answered with an error status are the tests' own business,
    and browsers ask every site for /favicon.ico, which this service does not have."""
    problems: list[str] = []

    def on_console(message):
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(f"{message.text} ({message.location.get('url')})")

    def on_response(response):
        request = response.request
        if (response.status >= 400 and request.resource_type != "document"
                and not response.url.endswith("/favicon.ico")):
            problems.append(f"{response.status} for {request.resource_type} {response.url}")

    page.on("console", on_console)
    page.on("response", on_response)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def heading(page) -> str:
    return page.locator("h1").inner_text()


def pass_quiz(page, link) -> None:
    """Open the signing link and answer the quiz right: the decision page opens."""
    page.goto(link.url)
    for key, answer in link.right_answers().items():
        page.check(f'input[name="q_{key}"][value="{answer}"]')
    page.get_by_role("button", name="Check my answers").click()
    page.wait_for_url(re.compile(r"/check$"))
    assert heading(page) == "Your decision"


def submit_decision(page) -> None:
    """Send the decision form expecting it back with its errors."""
    with page.expect_response(re.compile(r"/sign$")) as response:
        page.get_by_role("button", name="Send my decision").click()
    assert response.value.status == 422
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()


def open_all_details(page) -> None:
    """Open every folded part of the page by clicking its summary, as a reader does."""
    closed = page.locator("details:not([open]) > summary")
    for _ in range(100):
        if not closed.count():
            return
        closed.first.click()
    raise AssertionError(f"some <details> on {page.url} do not open when clicked")


def label(page, text: str):
    """The label whose whole text is text."""
    return page.locator("label").filter(has_text=re.compile(rf"^\s*{re.escape(text)}\s*$"))


# --- keyboard --------------------------------------------------------------------------------

_FOCUSED = """(selector) => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const style = getComputedStyle(el);
  return {
    matches: el.matches(selector),
    describe: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + (el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : '')
      + (el.value && el.type === 'radio' ? `[value=${el.value}]` : '')
      + ' "' + (el.innerText || '').trim().slice(0, 50) + '"',
    programmatic: el.getAttribute('tabindex') === '-1',
    outlineStyle: style.outlineStyle, outlineWidth: style.outlineWidth,
    boxShadow: style.boxShadow,
  };
}"""


def focused(page, selector: str = "*") -> dict | None:
    """Describe the focused element and its focus indicator; None when nothing has focus."""
    return page.evaluate(_FOCUSED, selector)


def assert_focus_visible(info: dict | None) -> None:
    """A keyboard user can see where the focus is: an outline or a box shadow is drawn."""
    if info is None or info["programmatic"]:
        return  # focus left the page, or landed on a container such as <main tabindex=-1>
    outline = info["outlineStyle"] != "none" and float(info["outlineWidth"][:-2] or 0) > 0
    shadow = info["boxShadow"] not in ("", "none")
    assert outline or shadow, (
        f"focus is not visible on {info['describe']}: outline {info['outlineStyle']} "
        f"{info['outlineWidth']}, box-shadow {info['boxShadow']}")


def press(page, key: str, selector: str = "*") -> dict | None:
    """Press a key and check the focus indicator of whatever then has focus."""
    page.keyboard.press(key)
    info = focused(page, selector)
    assert_focus_visible(info)
    return info


def tab_to(page, selector: str, *, backwards: bool = False, limit: int = 150) -> dict:
    """Press Tab (or Shift+Tab) until an element matching selector has focus."""
    key = "Shift+Tab" if backwards else "Tab"
    seen = []
    for _ in range(limit):
        info = press(page, key, selector)
        if info and info["matches"]:
            return info
        seen.append(info["describe"] if info else "(outside the page)")
    raise AssertionError(f"{key} never reached {selector} on {page.url}; passed: {seen}")


def choose_radio(page, name: str, value: str) -> None:
    """Tab into a radio group and select value with Space or the arrow keys."""
    radio = f'input[type="radio"][name="{name}"]'
    tab_to(page, radio)
    values = page.locator(radio).evaluate_all("radios => radios.map(r => r.value)")
    current = values.index(page.evaluate("() => document.activeElement.value"))
    target = values.index(value)
    if current == target:
        press(page, "Space")
    for _ in range(abs(target - current)):
        press(page, "ArrowDown" if target > current else "ArrowUp")
    assert page.locator(f"{radio}:checked").get_attribute("value") == value
    assert page.evaluate("() => document.activeElement.value") == value


def child_birth_date() -> date:
    """A birth date that makes a child of about eight today."""
    today = date.today()
    return today.replace(year=today.year - 8, day=min(today.day, 28)) - timedelta(days=40)


def date_field_order(context) -> str:
    """Return the order ("mdy", "dmy" or "ymd") in which this browser's date fields take digits.

    Chromium orders the parts of <input type="date"> by its own user-interface language, not
    by the page's: ask a throwaway page with no site in it.
    """
    page = context.new_page()
    try:
        page.set_content('<input type="date" id="probe">')
        page.keyboard.press("Tab")
        page.keyboard.type("01022003")
        value = page.input_value("#probe")
        if value == "2003-01-02":
            return "mdy"
        if value == "2003-02-01":
            return "dmy"
        return "ymd"
    finally:
        page.close()


def type_date(page, value: date, order: str) -> None:
    """Type a date into the focused date field, part by part, as a keyboard user does."""
    parts = {"d": f"{value.day:02d}", "m": f"{value.month:02d}", "y": f"{value.year:04d}"}
    page.keyboard.type("".join(parts[part] for part in order))
