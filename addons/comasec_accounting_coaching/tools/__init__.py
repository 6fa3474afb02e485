from . import amount_words
