"""Server-side SVG charts: images with a title and a description, DSFR colours, escaped text."""

import xml.etree.ElementTree as ET

from learners.team import charts

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg) -> ET.Element:
    return ET.fromstring(str(svg))


def test_charts_svg_horizontal_bars_are_labelled_images():
    """role="img", aria-labelledby pointing at <title> and <desc>, one bar per datum."""
    svg = parse(
        charts.horizontal_bars(
            chart_id="c1",
            title="Taux de complétion par parcours",
            description="2 parcours.",
            data=[charts.Datum("Data", 75, "75 %"), charts.Datum("Cyber", 20, "20 %")],
        )
    )
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "c1-titre c1-desc"
    assert svg.find(f"{SVG}title").get("id") == "c1-titre"
    assert svg.find(f"{SVG}title").text == "Taux de complétion par parcours"
    assert svg.find(f"{SVG}desc").text == "2 parcours."
    bars = [r for r in svg.findall(f"{SVG}rect") if r.get("fill") == charts.BLUE_FRANCE]
    assert len(bars) == 2
    widths = [float(bar.get("width")) for bar in bars]
    assert abs(widths[0] / widths[1] - 75 / 20) < 0.01
    texts = [t.text for t in svg.findall(f"{SVG}text")]
    assert "75 %" in texts and "Cyber" in texts


def test_charts_svg_escapes_labels():
    """Labels from the content are escaped: no markup can enter the page."""
    svg = charts.horizontal_bars(
        chart_id="c2",
        title="Titre <b>",
        description="A & B",
        data=[charts.Datum('<script>alert("x")</script>', 10, "10 %")],
    )
    assert "<script>" not in str(svg)
    tree = parse(svg)
    assert tree.find(f"{SVG}title").text == "Titre <b>"


def test_charts_svg_columns_scale_to_the_largest_value():
    """Columns: heights proportional to the values, values printed, zero months drawn flat."""
    svg = parse(
        charts.columns(
            chart_id="c3",
            title="Parcours terminés par mois",
            description="3 mois.",
            data=[
                charts.Datum("01/26", 0, "0"),
                charts.Datum("02/26", 4, "4"),
                charts.Datum("03/26", 2, "2"),
            ],
        )
    )
    heights = [float(r.get("height")) for r in svg.findall(f"{SVG}rect")]
    assert heights[0] == 0 and abs(heights[1] - 2 * heights[2]) < 0.2
    assert {"0", "4", "2", "01/26"} <= {t.text for t in svg.findall(f"{SVG}text")}


def test_charts_svg_empty_data_still_renders():
    """No data: an empty but valid image."""
    tree = parse(charts.horizontal_bars(chart_id="c4", title="Vide", description="Rien.", data=[]))
    assert tree.get("role") == "img"
