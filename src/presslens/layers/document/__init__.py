"""Layer `document`: what the article is and where it came from.

The stage `describe_document` (`stage.py`) fills the brief's `document`: title
and author (with their spans when the text carries them), outlet, source and
original URL, a republication disclaimer, the detected language and the
publication date with how it was found (metadata, a date or post id in the URL,
the text, or the user).
"""

from presslens.layers.document.stage import describe_document

__all__ = ["describe_document"]
