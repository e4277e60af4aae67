"""The optional meaning signal: an embedding model on disk that the tests build, its loading and its errors.
Every plan and every vector here is written for the test."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare import compare_files
from compare.cli import main
from compare.errors import ExitCode, UsageError
from compare.semantic import ENV_VAR, load_embedder, meaning_scores

A_PLAN = """某市2021年数字化工作要点
一、推进数字社会建设
（一）推进未来社区建设。围绕邻里、教育、健康等场景，打造一批示范项目。
（二）推进港口码头改造。完成集装箱码头自动化改造。
（三）发展夜间经济。打造特色街区。
二、加强要素保障
（一）强化用地保障。盘活存量土地，提高亩均效益。
（二）加强森林防火。落实巡山护林责任。
（三）办好职业教育。建设高水平职业院校。
"""

B_PLAN = """某市2023年数字化升级方案
一、建设共同富裕示范单元
（一）推进数字生活普惠共享。让群众享受便捷的线上服务。
（二）建设智慧港航。提升港航物流效率。
（三）繁荣夜间消费。丰富消费业态。
二、优化资源配置
（一）提高土地利用效率。开展低效用地再开发。
（二）做好林区防灭火。健全应急队伍。
（三）深化产教融合。推动校企合作。
"""

# made-up dimensions: community and daily life, ports, land, the night economy, forest fires, vocational schooling
_AXES = {
    0: "社区 未来 邻里 生活 普惠 共享 群众 服务 便捷 场景 示范",
    1: "港口 港航 码头 集装箱 物流 效率",
    2: "土地 用地 存量 亩均 效益 低效 开发",
    3: "夜间 经济 消费 街区 业态",
    4: "森林 防火 林区 灭火 巡山 护林 应急",
    5: "职业 教育 院校 产教 融合 校企",
}
VECTORS = {w: [1.0 if k == axis else 0.05 for k in range(6)] for axis, words in _AXES.items() for w in words.split()}


def _vec_file(path: Path, vectors: dict[str, list[float]], header: bool = True) -> Path:
    lines = [f"{len(vectors)} 6"] if header else []
    lines += [f"{w} " + " ".join(f"{x:g}" for x in v) for w, v in vectors.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _plans(folder: Path, a_name: str = "a.txt", b_name: str = "b.txt") -> tuple[Path, Path]:
    a, b = folder / a_name, folder / b_name
    a.write_text(A_PLAN, encoding="utf-8")
    b.write_text(B_PLAN, encoding="utf-8")
    return a, b


def _links(tmp_path: Path, semantic=None) -> set[tuple[str, str]]:
    a, b = _plans(tmp_path)
    brief = compare_files(a, b, semantic=semantic)
    head = {t.id: t.heading for t in brief.tasks_a + brief.tasks_b}
    return {(head[p.a], head[p.b]) for p in brief.alignment}


def test_a_word_vector_model_links_tasks_that_share_no_word(tmp_path):
    without = _links(tmp_path)
    assert ("推进未来社区建设", "推进数字生活普惠共享") not in without
    model = load_embedder(_vec_file(tmp_path / "zh.vec", VECTORS))
    with_model = _links(tmp_path, model)
    assert ("推进未来社区建设", "推进数字生活普惠共享") in with_model
    assert ("推进未来社区建设", "建设智慧港航") not in with_model


def test_the_brief_names_the_model_and_says_why_a_link_was_made(tmp_path):
    a, b = _plans(tmp_path)
    model = load_embedder(_vec_file(tmp_path / "zh.vec", VECTORS))
    data = compare_files(a, b, semantic=model).to_json()
    assert data["config"]["semantic_model"].startswith("zh.vec (")
    codes = {r["code"] for p in data["alignment"] for r in p["reasons"]}
    assert "similar_meaning" in codes
    assert "semantic_model" not in compare_files(a, b).to_json()["config"]


def test_the_same_model_gives_the_same_brief(tmp_path):
    a, b = _plans(tmp_path)
    path = _vec_file(tmp_path / "zh.vec", VECTORS)
    first = json.dumps(compare_files(a, b, semantic=load_embedder(path)).to_json(), ensure_ascii=False)
    second = json.dumps(compare_files(a, b, semantic=load_embedder(path)).to_json(), ensure_ascii=False)
    assert first == second


def test_gzipped_and_headerless_vector_files_read_alike(tmp_path):
    plain = load_embedder(_vec_file(tmp_path / "plain.txt", VECTORS, header=False))
    gz = tmp_path / "zh.vec.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as fh:
        fh.write(_vec_file(tmp_path / "tmp.vec", VECTORS).read_text(encoding="utf-8"))
    texts_a = ["推进未来社区建设", "推进港口码头改造", "强化用地保障"]
    texts_b = ["推进数字生活普惠共享", "建设智慧港航", "提高土地利用效率"]
    scores = meaning_scores(plain, texts_a, texts_b, spread=0.0)
    assert scores == meaning_scores(load_embedder(gz), texts_a, texts_b, spread=0.0)
    assert [max(range(3), key=row.__getitem__) for row in scores] == [0, 1, 2]  # each its counterpart


@pytest.mark.parametrize("content, says", [
    (None, "no semantic model here"),
    ("这不是向量文件\n第二行\n", "holds no word vectors"),
    ("2 6\n社区 1 0 0\n", "has 3 numbers, not 6"),
    ("社区 1 0 x 0 0 0\n", "not a word and its numbers"),
])
def test_a_bad_model_is_one_line_naming_the_file_and_the_fix(tmp_path, content, says):
    path = tmp_path / "model.vec"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=says) as err:
        load_embedder(path)
    assert str(path) in err.value.one_line() and "\n" not in err.value.one_line()


def test_a_folder_that_is_no_sentence_model_is_refused(tmp_path):
    (tmp_path / "model").mkdir()
    with pytest.raises(UsageError, match="no sentence-transformers model"):
        load_embedder(tmp_path / "model")


def test_the_cli_takes_the_model_from_the_option_or_the_environment(tmp_path):
    a, b = _plans(tmp_path)
    vec = _vec_file(tmp_path / "zh.vec", VECTORS)
    runner = CliRunner()
    for args, env in (([f"--semantic-model={vec}"], {}), ([], {ENV_VAR: str(vec)})):
        out = tmp_path / "brief.json"
        result = runner.invoke(main, [str(a), str(b), "--out", str(out), *args], env=env)
        assert result.exit_code == 0, result.output
        assert json.loads(out.read_text(encoding="utf-8"))["config"]["semantic_model"].startswith("zh.vec")
        out.unlink()
    result = runner.invoke(main, [str(a), str(b), "--semantic-model", str(tmp_path / "missing.vec")])
    assert result.exit_code == ExitCode.USAGE
    assert "missing.vec" in result.output and "Traceback" not in result.output


def test_without_the_extra_a_sentence_model_folder_asks_for_it(tmp_path):
    try:
        import sentence_transformers  # noqa: F401
    except ImportError:
        folder = tmp_path / "st"
        folder.mkdir()
        (folder / "modules.json").write_text("[]", encoding="utf-8")
        with pytest.raises(UsageError, match=r"compare\[semantic\]"):
            load_embedder(folder)
    else:
        pytest.skip("the semantic extra is installed here")


def test_a_batch_aligns_every_pair_with_the_model_and_reruns_when_it_changes(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, "")  # no model unless named; the run below names one to its workers
    folder = tmp_path / "plans"
    folder.mkdir()
    _plans(folder, "2021_somecity.txt", "2023_somecity.txt")
    vec = _vec_file(tmp_path / "zh.vec", VECTORS)
    out = tmp_path / "out"
    runner = CliRunner()

    def run(*extra: str):
        return runner.invoke(main, ["batch", str(folder), "--series", "-o", str(out), "-f", "json", "-j", "1",
                                    "-q", *extra], catch_exceptions=False)

    assert run("--semantic-model", str(tmp_path / "missing.vec")).exit_code == ExitCode.USAGE
    assert not out.exists()
    assert run("--semantic-model", str(vec)).exit_code == 0
    brief = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))
    assert brief["config"]["semantic_model"].startswith("zh.vec")
    monkeypatch.setenv(ENV_VAR, "")  # the run exported it for its workers
    assert run().exit_code == 0  # without the model the pair is compared again, not skipped as up to date
    brief = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))
    assert "semantic_model" not in brief["config"]


def test_a_sentence_transformers_folder_is_read_offline(tmp_path):
    """Runs where the semantic extra is installed (not in CI): a tiny static model the test builds and saves."""
    pytest.importorskip("sentence_transformers")
    import torch
    from sentence_transformers import SentenceTransformer

    try:
        from sentence_transformers.sentence_transformer.modules import StaticEmbedding
    except ImportError:  # sentence-transformers before 6
        from sentence_transformers.models import StaticEmbedding
    from tokenizers import Tokenizer
    from tokenizers.models import WordLevel
    from tokenizers.pre_tokenizers import Split

    chars = {c: VECTORS[w] for w in sorted(VECTORS) for c in w}  # a vector per character, from its first word
    vocab = {"[UNK]": 0} | {c: n + 1 for n, c in enumerate(chars)}
    tokenizer = Tokenizer(WordLevel(vocab, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = Split(pattern="", behavior="isolated")  # one token per character
    weights = torch.tensor([[0.0] * 6] + list(chars.values()))
    folder = tmp_path / "tiny-st"
    SentenceTransformer(modules=[StaticEmbedding(tokenizer, embedding_weights=weights)]).save(str(folder))
    model = load_embedder(folder)
    assert model.name.startswith("tiny-st (")
    vecs = model.encode(["社区", "港口"])
    assert len(vecs) == 2 and abs(sum(x * x for x in vecs[0]) - 1) < 1e-6
    assert ("推进未来社区建设", "推进数字生活普惠共享") in _links(tmp_path, model)


def test_the_brief_tells_its_reader_that_a_model_helped(tmp_path):
    a, b = _plans(tmp_path)
    vec = _vec_file(tmp_path / "zh.vec", VECTORS)
    runner = CliRunner()
    for args, says in (([f"--semantic-model={vec}"], True), ([], False)):
        out = tmp_path / "brief.html"
        result = runner.invoke(main, [str(a), str(b), "--out", str(out), *args], env={ENV_VAR: ""})
        assert result.exit_code == 0, result.output
        page = out.read_text(encoding="utf-8")
        assert ("本机语义模型 zh.vec (" in page) is says
        assert ("语义相近" in page) is says
        out.unlink()


def test_a_timeline_takes_the_model_too(tmp_path):
    a, b = _plans(tmp_path, "2021_somecity.txt", "2023_somecity.txt")
    result = CliRunner().invoke(main, ["track", str(a), str(b), "--semantic-model", str(tmp_path / "none.vec")])
    assert result.exit_code == ExitCode.USAGE and "none.vec" in result.output
