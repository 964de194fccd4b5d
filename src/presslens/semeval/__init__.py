"""SemEval-2020 Task 11 (propaganda techniques on PTC): its data, its scorer and its two tasks.

* `data.py`: reading PTC articles and their gold span files;
* `scorer.py`: the task's span-identification (SI) and technique-classification (TC) scores;
* `tasks.py`: running the techniques layer's models on a folder of articles in
  the task's own output formats (the `presslens semeval` commands).
"""
