"""The learned detector: finds the five faults in wordings no rule was written for.

`features` turns a sentence into hashed n-gram indexes, `model` scores
sentences with the shipped weights (numpy only) and turns scores above each
category's calibrated threshold into findings, `corpus` reads the labelled
drafts in `data/`, and `train` rebuilds the weights (`make train`).
"""

from .model import CATEGORIES, Detector, load_detector

__all__ = ["CATEGORIES", "Detector", "load_detector"]
