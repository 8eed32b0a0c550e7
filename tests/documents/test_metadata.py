"""The archive's long-text folding gives exactly danvan.core.text.fold's key."""

from hypothesis import given
from hypothesis import strategies as st

from danvan.core.text import fold
from danvan.documents.metadata import fold_long


def test_fold_long_matches_fold_on_the_samples(samples):
    for path in samples.values():
        text = path.read_text(encoding="utf-8")
        assert fold_long(text) == fold(text)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_fold_long_matches_fold_on_any_text(text):
    assert fold_long(text) == fold(text)


def test_fold_long_handles_decomposed_vietnamese():
    decomposed = "Da\u0302n va\u0323\u0302n khe\u0301o – ĐẠT 94,3%"
    assert fold_long(decomposed) == fold(decomposed) == "dan van kheo - dat 94,3%"
