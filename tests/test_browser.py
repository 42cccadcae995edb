"""The bundled corpus report in a real headless Chromium: no console errors, charts drawn, tables sort,
readable without JavaScript, and a screenshot that is not blank.

Runs the README's main command (``make corpus``: ``quotekit extract corpora/`` then ``quotekit report``).
Chromium must be installed (``.ci/run`` installs Debian's ``chromium``); without it these tests fail.
"""
from __future__ import annotations

import io
import json
import re

import pytest

from quotekit.cli import main

from _fixtures_browser import Chromium, find_browser
from _fixtures_report import CORPORA

pytestmark = pytest.mark.browser

EXPECTED_CHARTS = (
    "Most-quoted speakers", "Share of quotes by speaker type", "Direct, indirect and mixed quotes by outlet",
    "Anonymous sourcing rate by outlet", "Anonymous sourcing rate by month", "Mean stance per speaker",
    "Stance of each speaker toward each target", "How reporters frame each speaker",
    # the research measures, computed by the report from the corpus texts (the quotes file has none)
    "Share of women among quoted people by outlet", "Share of women among quoted people by month",
    "Where quotes appear, by speaker gender", "Where quotes appear, by speaker type",
    "Anonymous quotes whose reason is stated, by outlet",
)

CHARTS_JS = """
Array.from(document.querySelectorAll('svg.qk-chart-svg')).map(function (svg) {
  var box = svg.getBoundingClientRect();
  return {title: svg.querySelector('title').textContent, marks: svg.querySelectorAll('.qk-mark').length,
          width: box.width, height: box.height, label: svg.getAttribute('aria-labelledby')};
})
"""


@pytest.fixture(scope="module")
def browser_path():
    path = find_browser()
    if path is None:
        pytest.fail("chromium is not installed: install it with `apt-get install chromium` (.ci/run does this); "
                    "the report's browser tests need a real headless browser")
    return path


@pytest.fixture(scope="module")
def corpus_report(tmp_path_factory, spacy_parser):
    """``make corpus`` in a temporary folder: extract the bundled corpus, then write its report."""
    out = tmp_path_factory.mktemp("corpus-out")
    quotes, manifest, report = out / "quotes.jsonl", out / "manifest.jsonl", out / "report.html"
    assert main(["extract", str(CORPORA), "-o", str(quotes), "--manifest", str(manifest)]) == 0
    assert main(["report", str(quotes), "--corpus", str(CORPORA), "-o", str(report)]) == 0
    return report


@pytest.fixture(scope="module")
def page(browser_path, corpus_report):
    with Chromium(browser_path, width=1280, height=2000) as browser:
        browser.open(corpus_report.as_uri())
        yield browser


def test_report_loads_without_console_errors(page):
    assert page.errors() == []
    assert page.evaluate("document.documentElement.getAttribute('data-js')") == "ready"
    assert page.evaluate("document.documentElement.getAttribute('data-js-error')") is None
    assert page.evaluate("document.title") == "quotekit corpus report"


def test_every_chart_is_present_and_drawn(page, corpus_report):
    charts = page.evaluate(CHARTS_JS)
    titles = [c["title"] for c in charts]
    for expected in EXPECTED_CHARTS:
        assert any(t.startswith(expected) for t in titles), f"missing chart {expected!r}; found {titles}"
    records = [json.loads(line) for line in corpus_report.with_name("quotes.jsonl").read_text("utf-8").splitlines()]
    outlets = {r.get("outlet") for r in records if r.get("outlet")}
    for chart in charts:
        assert chart["width"] > 200 and chart["height"] > 60, chart
        assert chart["marks"] >= 2, f"chart {chart['title']!r} draws {chart['marks']} data marks"
        assert chart["label"], "charts are labelled for screen readers"
    by_outlet = next(c for c in charts if c["title"].startswith("Anonymous sourcing rate by outlet"))
    assert by_outlet["marks"] >= len(outlets)  # one bar (plus a whisker) per outlet


def test_tables_sort_on_header_click(page):
    js = """
    (function () {
      var table = document.querySelector('#speakers table.qk-sortable');
      var th = table.tHead.rows[0].cells[3];                 // "Quotes"
      var col = function () { return Array.from(table.tBodies[0].rows).map(function (r) {
        return parseFloat(r.cells[3].getAttribute('data-sort')); }); };
      th.querySelector('button').click();
      var asc = [th.getAttribute('aria-sort'), col()];
      th.querySelector('button').click();
      return {label: th.textContent.trim(), asc: asc, desc: [th.getAttribute('aria-sort'), col()]};
    })()
    """
    result = page.evaluate(js)
    assert result["label"] == "Quotes"
    assert result["asc"][0] == "ascending" and result["asc"][1] == sorted(result["asc"][1])
    assert result["desc"][0] == "descending" and result["desc"][1] == sorted(result["desc"][1], reverse=True)
    assert len(result["asc"][1]) > 1


def test_speaker_links_lead_to_highlighted_quotes(page):
    js = """
    Array.from(document.querySelectorAll('#speakers tbody a[href^="#q-"]')).slice(0, 20).map(function (a) {
      var target = document.getElementById(a.getAttribute('href').slice(1));
      var next = target && target.nextElementSibling;
      return {ok: !!target, highlighted: !!(next && next.className.indexOf('qk-content') >= 0)};
    })
    """
    links = page.evaluate(js)
    assert links and all(link["ok"] for link in links)
    assert all(link["highlighted"] for link in links)


CELL_STATE_JS = """
(function () {
  var id = %s;
  var list = document.getElementById(id);
  return {hash: window.location.hash, open: !!(list && list.open), tag: list ? list.tagName : null,
          current: !!(list && list.classList.contains('qk-current')),
          quotes: list ? list.querySelectorAll('li').length : 0,
          marks: list ? Array.from(list.querySelectorAll('mark.qk-target')).map(function (m) { return m.textContent; }) : [],
          summary: list ? list.querySelector('summary').textContent : '',
          visible: list ? list.querySelector('li').getBoundingClientRect().height > 0 : false};
})()
"""


def test_clicking_a_target_cell_lists_its_quotes_highlighted(page):
    """A real mouse click on a heatmap cell opens the list of the quotes behind it, target words marked."""
    import time

    cell = page.evaluate("""
    (function () {
      var link = document.querySelector('#targets svg a.qk-cell-link');
      if (!link) { return null; }
      link.scrollIntoView({block: 'center'});
      var box = link.querySelector('rect').getBoundingClientRect();
      return {href: link.getAttribute('href'), x: box.left + box.width / 2, y: box.top + box.height / 2,
              hit: document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2).closest('a') === link};
    })()
    """)
    assert cell is not None, "the heatmap has no clickable cell"
    assert cell["href"].startswith("#cell-") and cell["hit"], cell
    before = page.evaluate(CELL_STATE_JS % json.dumps(cell["href"][1:]))
    assert before["tag"] == "DETAILS" and not before["open"]
    for kind in ("mousePressed", "mouseReleased"):
        page.call("Input.dispatchMouseEvent", {"type": kind, "x": cell["x"], "y": cell["y"], "button": "left",
                                               "clickCount": 1})
    state = before
    for _ in range(50):  # the click and the navigation to the anchor are handled asynchronously
        state = page.evaluate(CELL_STATE_JS % json.dumps(cell["href"][1:]))
        if state["open"] and state["hash"] == cell["href"]:
            break
        time.sleep(0.1)
    assert state["hash"] == cell["href"] and state["open"] and state["current"], state
    n = int(state["summary"].split(" quotes")[0].rsplit(" ", 1)[-1])
    assert state["quotes"] == n >= 2 and state["visible"]
    assert state["marks"], "the target's words are highlighted in the quotes"
    assert page.errors() == []


def test_screenshot_is_not_blank(page, corpus_report):
    from PIL import Image
    import numpy as np

    png = page.screenshot()
    shot = corpus_report.with_name("report.png")
    shot.write_bytes(png)  # kept next to the report for a human look (pytest's tmp folder)
    image = np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=float)
    assert image.shape == (2000, 1280)
    assert image.std() > 20, "the page looks blank"
    assert (image < 200).mean() > 0.03, "almost nothing is drawn"
    rows_with_ink = ((image < 200).sum(axis=1) > 10).mean()
    assert rows_with_ink > 0.3, "content fills only a small part of the page"


def test_readable_without_javascript(browser_path, corpus_report):
    with Chromium(browser_path, width=1280, height=2000) as browser:
        browser.open("about:blank")
        browser.call("Emulation.setScriptExecutionDisabled", {"value": True})
        browser.events.clear()
        browser.call("Page.navigate", {"url": corpus_report.as_uri()})
        browser.wait_for_load()
        assert browser.errors() == []
        dom = browser.call("DOM.getDocument", {"depth": 1})
        root = browser.call("DOM.getOuterHTML", {"nodeId": dom["root"]["nodeId"]})["outerHTML"]
        assert 'data-js="off"' in root  # the script did not run ...
        assert root.count('class="qk-chart-svg"') >= len(EXPECTED_CHARTS)  # ... and the charts are there
        assert "<button" not in root  # sort buttons are added by the script only
        assert root.count('class="qk-text"') > 0
        # the quote lists behind the speaker x target cells are in the page, reachable by their links
        cells = set(re.findall(r'class="qk-cell-link" href="#(cell-[^"]+)"', root))
        assert cells and all(f'<details class="qk-drill" id="{c}">' in root for c in cells)
        assert 'class="qk-target"' in root
