"""Write the retention report: one self-contained HTML file (scripts and data inline, no
network needed) built from the marts of a DuckDB database.

    python -m reporting.report [--database FILE] [--output FILE]
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import time
from pathlib import Path

import altair as alt
import jinja2
import vl_convert

from reporting import views
from reporting.marts import PROJECT_DIR, Marts, MartsError, default_database

TEMPLATE = jinja2.Template("""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>saas_retention report, as of {{ as_of }}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 980px; color: #263238; }
h1 { margin-bottom: 0; } h2 { border-bottom: 2px solid #cfd8dc; margin-top: 2.5rem; }
.meta, .definition { color: #607d8b; font-size: 0.9rem; margin: 0.2rem 0 0.6rem; }
table { border-collapse: collapse; font-size: 0.85rem; margin-bottom: 1rem; }
th, td { padding: 0.2rem 0.6rem; border-bottom: 1px solid #eceff1; text-align: left; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
nav a { margin-right: 1rem; }
</style>
<script>{{ bundle }}</script>
</head><body>
<h1>Retention report</h1>
<p class="meta">As of {{ as_of }} (database {{ database }}). Money in the reporting currency.
{% if partial_month %}{{ partial_month.strftime('%B %Y') }} is a partial month (to {{ as_of }}):
charts draw it faded or as a hollow point, apart from complete months.{% endif %}</p>
<nav>{% for section in sections %}<a href="#{{ section.title|replace(' ', '-') }}">{{ section.title }}</a>{% endfor %}</nav>
{% for section in sections %}
<h2 id="{{ section.title|replace(' ', '-') }}">{{ section.title }}</h2>
{% for item in section.items %}
<h3>{{ item.title }}</h3>
<p class="definition">{{ item.definition }} As of {{ as_of }}.</p>
{% if item.chart is defined %}<div class="chart" id="chart-{{ item.key }}"></div>
{% else %}<table id="table-{{ item.key }}"><thead><tr>{% for cell in item.header %}<th>{{ cell }}</th>{% endfor %}</tr></thead>
<tbody>{% for row in item.rows %}<tr>{% for cell in row %}<td{% if cell[:1] in '-0123456789' and cell != '' %} class="number"{% endif %}>{{ cell }}</td>{% endfor %}</tr>{% endfor %}</tbody></table>
{% endif %}{% endfor %}{% endfor %}
<script>
const specs = {{ specs }};
for (const [key, spec] of Object.entries(specs)) {
  vegaEmbed("#chart-" + key, spec, {renderer: "svg", actions: false}).catch(console.error);
}
</script>
</body></html>
""", autoescape=True)


def render(marts: Marts) -> str:
    """The report's HTML for the database behind `marts`."""
    data = views.load(marts)
    sections = views.sections(data)
    specs = {item.key: item.chart.to_dict() for section in sections for item in section.items
             if isinstance(item, views.Chart)}
    bundle = vl_convert.javascript_bundle(vl_version=alt.SCHEMA_VERSION.lstrip("v").rsplit(
        ".", 1)[0])
    # json in a <script>: escape "</" so no value can close the script element
    specs_json = json.dumps(specs, default=str).replace("</", "<\\/")
    return TEMPLATE.render(as_of=data.as_of, partial_month=data.partial_month,
                           database=html.escape(marts.database.name), sections=sections,
                           bundle=jinja2.utils.markupsafe.Markup(bundle.replace("</script",
                                                                                "<\\/script")),
                           specs=jinja2.utils.markupsafe.Markup(specs_json))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", type=Path, default=default_database(),
                        help="the DuckDB file the project was built into (default: the demo's)")
    parser.add_argument("--output", type=Path, default=PROJECT_DIR / "target" / "report.html",
                        help="where to write the report (default target/report.html)")
    arguments = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        marts = Marts(arguments.database.resolve())
    except MartsError as error:
        sys.exit(f"The report cannot be built: {error}")
    try:
        page = render(marts)
    finally:
        marts.close()
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    arguments.output.write_text(page, encoding="utf-8")
    print(f"report: {arguments.output} ({arguments.output.stat().st_size / 1e6:.2f} MB, "
          f"{time.perf_counter() - started:.1f} s); open it in a browser, no network needed")


if __name__ == "__main__":
    main()
