"""Outputs: the brief rendered for people.

* `terminal.py`: the readable terminal brief (rich), article text always printed as text;
* `report.py`: the self-contained HTML report (Jinja2 template in `templates/`,
  its CSS and script in `static/`, inlined), with layer toggles and evidence.

The brief's JSON and JSON Lines come from `presslens.brief.Brief.to_json`.
"""
