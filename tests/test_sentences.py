"""Sentence splitting as a Chinese reader does it."""

from __future__ import annotations

import pytest

from factcheck.sentences import ends_sentence, split_sentences


def split(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_splits_at_chinese_terminators():
    assert split("今天下雨。明天晴！后天呢？好") == ["今天下雨。", "明天晴！", "后天呢？", "好"]


def test_never_inside_a_number():
    assert split("招引青年大学生1.39万人，增长3.5%。下一句。") == ["招引青年大学生1.39万人，增长3.5%。", "下一句。"]


def test_quote_and_speaker_stay_together():
    text = "“单个社区在资源力量、规模空间上有限。”雉城街道组织委员赵新宇进一步倡议，集团的成立不是结束，而是开始。在建立现代企业制度下，集团将开放。"
    assert split(text) == [
        "“单个社区在资源力量、规模空间上有限。”雉城街道组织委员赵新宇进一步倡议，集团的成立不是结束，而是开始。",
        "在建立现代企业制度下，集团将开放。",
    ]


def test_quote_followed_by_a_new_sentence_is_split():
    assert split("“我们把3项原则列为集团目标。”赵新宇说。长兴睦邻社区服务集团通过盘活社区资源。") == [
        "“我们把3项原则列为集团目标。”赵新宇说。",
        "长兴睦邻社区服务集团通过盘活社区资源。",
    ]
    assert split("他说：“好。”“再见。”") == ["他说：“好。”", "“再见。”"]


def test_closing_brackets_stay_with_their_sentence():
    assert split("（完）下一段。") == ["（完）下一段。"]
    assert split("他来了。）然后走了。") == ["他来了。）", "然后走了。"]


def test_ellipsis_and_ascii_marks():
    assert split("主导制定国际标准40余项……在迈向世界一流的道路上。") == ["主导制定国际标准40余项……", "在迈向世界一流的道路上。"]
    assert split("筑梦圆梦!4月22日，东阳举行仪式。如何提质增效?") == ["筑梦圆梦!", "4月22日，东阳举行仪式。", "如何提质增效?"]


@pytest.mark.parametrize("line,ends", [("…深入实施标准", False), ("…40多万家网店，", False), ("完了。", True), ("他说。”", True), ("……", True), ("好?", True)])
def test_ends_sentence(line, ends):
    assert ends_sentence(line) is ends
