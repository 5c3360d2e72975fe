import pytest

from interviewer.grading.screening import insufficient_reason


@pytest.mark.parametrize(
    "answer",
    [
        "",
        "   \n\t",
        "I don't know.",
        "Honestly, no idea!",
        "idk",
        "Um... pass",
        "N/A",
        "asdfgh qwrtzp lkjhgf",
        "blah blah blah blah blah blah",
        "Yes.",
        "sdfkjhsdf kjhsdkfjh sdkjfh",
    ],
)
def test_non_answers_are_insufficient(answer):
    assert insufficient_reason(answer) is not None


@pytest.mark.parametrize(
    "answer",
    [
        "I led the sales team at Acme.",
        "I don't know the exact figure, but I cut churn by a third.",
        "We shipped SQL and KPI dashboards for the CFO in six weeks.",
    ],
)
def test_real_answers_pass(answer):
    assert insufficient_reason(answer) is None
