import random
from math import isqrt


def sample_size(population):
    """Members an external audit visits among ``population`` producing members of an
    internal control system: the square root, rounded up (1 of 1, 2 of 4, 8 of 50, 20 of 400)."""
    if population <= 0:
        return 0
    return isqrt(population - 1) + 1


def draw_sample(ids, rng=None):
    """``sample_size(len(ids))`` distinct ids drawn at random; ``rng`` defaults to the
    operating system's generator, which nobody can seed to choose the members visited."""
    rng = rng or random.SystemRandom()
    return rng.sample(sorted(ids), sample_size(len(ids)))
