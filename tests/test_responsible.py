"""Responsible units as task lists write them apart from their items: a sentence after
them (该目标…为, 2项目标的…均为, 以上2项…分别为, 以上…均为), a second label in the list
(配合单位为), a remark in a bracket after the list (列第一位者为牵头单位，下同); never the
issuer signing at the end, and never a section of prose (三、考核办法) among sections."""

from __future__ import annotations

from targetdoc.api import parse_text

TARGETS = """\
禾川市2016年度县（市、区）目标责任考核细则

一、经济发展目标（权数20）
1.地区生产总值增长8%（权数10）；
该目标责任单位为市发展改革委，配合单位为市统计局。
2.社会消费品零售总额增长11%（权数10）；
二、社会民生目标（权数30）
3.城镇新增就业2.1万人（权数10）；
4.城镇登记失业率控制在4%以内（权数5）；
2项目标的责任单位均为市人力资源社会保障局。
5.信访总量下降（权数5）；
6.不发生重大群体性事件（权数10）；
以上2项目标的责任单位分别为市信访局、市公安局。
三、考核办法
年终由市目标办会同各责任单位进行考核，完成目标的得全部权数分，未完成的按完成比例计分。

禾川市人民政府目标管理办公室
"""


def test_sentences_name_the_units_of_the_entries_before_them() -> None:
    notice = parse_text(TARGETS, name="targets.txt")
    assert [(item.number, item.responsible) for _, _, item in notice.items()] == [
        (1, ["市发展改革委", "市统计局"]),
        (2, []),
        (3, ["市人力资源社会保障局"]),
        (4, ["市人力资源社会保障局"]),
        (5, ["市信访局"]),
        (6, ["市公安局"]),
    ]


TASKS = """\
2021年政府工作报告重点任务责任分解

1.出台支持制造业发展政策，全年兑现扶持资金3亿元以上。
责任单位：经信局、财政局、发改局（列第一位者为牵头单位，下同）
2.推进金融服务实体经济，新增贷款50亿元。
责任单位：金融服务中心、人民银行支行、银保监监管组
"""


def test_a_list_keeps_its_names_and_sets_its_remark_aside() -> None:
    notice = parse_text(TASKS, name="tasks.txt")
    assert [item.responsible for _, _, item in notice.items()] == [
        ["经信局", "财政局", "发改局"],
        ["金融服务中心", "人民银行支行", "银保监监管组"],
    ]


def test_labelled_names_are_units_whatever_they_end_on() -> None:
    notice = parse_text(
        "1.组建人才研究院，开展人才政策评估。（牵头单位：市委组织部，配合单位：驻市高校）\n"
        "2.制定实施细则。（牵头单位：市委组织部，配合单位：各项目牵头单位，市工商联）\n",
        name="tasks.txt",
    )
    assert [(item.text, item.responsible) for _, _, item in notice.items()] == [
        ("组建人才研究院，开展人才政策评估", ["市委组织部", "驻市高校"]),
        ("制定实施细则", ["市委组织部", "各项目牵头单位", "市工商联"]),
    ]
