"""Take a chart spec (`*.chart.yaml`) and its CSV, produce a checked Chart and its drawing.

Stages, one module each: spec (the YAML, against schema/chart.schema.json), table (the
CSV), read (the two checked against each other, into the `model`), style (the theme's
`charts:` section), svg (the PDF's vector chart, with numfmt for the axis labels). The
DOCX's Word chart is drawn by docx/chart_xml.py and docx/charts.py. Importing this
package imports neither matplotlib nor python-pptx: only papers with charts pay for them.
"""
