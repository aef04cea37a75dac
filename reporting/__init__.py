"""The face of the marts: a static HTML report (`report.py`) and a Streamlit app (`app.py`),
both reading the marts through `marts.py` and drawing the same Altair charts (`charts.py`)."""
