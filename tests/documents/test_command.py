"""`danvan import`: files and folders, a per-file report, exit codes."""

import io
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from danvan.documents.models import Document


def run(*args, **options):
    out = io.StringIO()
    code = 0
    try:
        call_command("import", *map(str, args), stdout=out, **options)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue()


def test_it_imports_a_folder_recursively_and_exits_zero(world, samples, tmp_path):
    nested = tmp_path / "kho" / "2022" / "6 tháng"
    nested.mkdir(parents=True)
    shutil.copy(samples["dvk"], nested)
    shutil.copy(samples["tdkt"], tmp_path / "kho" / "2022")
    (tmp_path / "kho" / "ghi-chu.json").write_text("{}")  # not a document: skipped in folders
    code, out = run(tmp_path / "kho", unit="TTDVVL", user="canbo.ttdvvl")
    assert code == 0, out
    assert Document.objects.count() == 2
    assert "Kết quả nạp văn bản" in out
    assert "Đã nạp: 2, không đổi: 0, lỗi: 0 / 2 tệp." in out


def test_a_second_run_reports_unchanged(world, samples):
    run(samples["kh"], unit="TTDVVL")
    code, out = run(samples["kh"], unit="TTDVVL")
    assert code == 0
    assert "Không đổi" in out and "Đã nạp: 0, không đổi: 1" in out
    assert Document.objects.count() == 1


def test_bad_files_are_reported_in_vietnamese_others_import_and_it_exits_one(
    world, samples, bad_files, tmp_path
):
    folder = bad_files["empty"].parent
    shutil.copy(samples["dvk"], folder / "Báo cáo 6 tháng [bản chính].txt")
    code, out = run(folder, bad_files["wrong_extension"], tmp_path / "khong-co.txt", unit="TTDVVL")
    assert code == 1
    assert Document.objects.count() == 1
    assert "Tệp rỗng" in out
    assert "không được hỗ trợ" in out
    assert "Không tìm thấy tệp hoặc thư mục này." in out
    assert "Báo cáo 6 tháng [bản chính].txt" in out
    assert "Đã nạp: 1" in out


def test_the_unit_defaults_to_the_users_own_unit(world, samples, units):
    code, out = run(samples["dvk"], user="canbo.ttdvvl")
    assert code == 0, out
    assert Document.objects.get().unit == units["ttdvvl"]


def test_it_refuses_an_unknown_unit_or_user_before_touching_anything(world, samples):
    with pytest.raises(CommandError, match="Không tìm thấy đơn vị"):
        call_command("import", str(samples["dvk"]), unit="KHONGCO", stdout=io.StringIO())
    with pytest.raises(CommandError, match="Không tìm thấy tài khoản"):
        call_command("import", str(samples["dvk"]), user="ai.do", stdout=io.StringIO())
    with pytest.raises(CommandError, match="--unit"):
        call_command("import", str(samples["dvk"]), stdout=io.StringIO())
    assert not Document.objects.exists()


def test_a_user_without_rights_on_the_unit_is_refused(world, samples):
    with pytest.raises(CommandError, match="không có quyền"):
        call_command(
            "import", str(samples["dvk"]), unit="TTDVVL", user="canbo.syt", stdout=io.StringIO()
        )
    assert not Document.objects.exists()


def test_ctrl_c_mid_import_keeps_finished_files_and_nothing_half_written(
    world, samples, monkeypatch
):
    from danvan.documents import ingest, storage

    real_store = ingest.store
    calls = []

    def store_then_interrupt(item):
        calls.append(item.name)
        if len(calls) == 2:
            # interrupt while the second file is being written
            real_refresh = ingest.registry.refresh

            def interrupted(ids):
                real_refresh(ids)
                raise KeyboardInterrupt

            monkeypatch.setattr(ingest.registry, "refresh", interrupted)
        return real_store(item)

    monkeypatch.setattr(ingest, "store", store_then_interrupt)
    monkeypatch.setattr(
        ingest,
        "IMPORT_STEPS",
        tuple(store_then_interrupt if s is real_store else s for s in ingest.IMPORT_STEPS),
    )
    code, out = run(samples["dvk"], samples["kh"], samples["tdkt"], unit="TTDVVL")
    assert code == 1
    assert "Đã dừng giữa chừng" in out
    assert Document.objects.count() == 1
    kept = Document.objects.get()
    files = [p for p in storage.root().rglob("*") if p.is_file()]
    assert files == [storage.path_for(kept.sha256)]


def test_an_import_cleans_what_a_killed_import_left_under_the_originals(world, samples):
    import os
    import time

    from danvan.documents import storage

    staging = storage.staging_dir()
    stale_copy = staging / "0123abcd.pdf"
    stale_part = storage.root() / "ab" / f".{'ab' * 32}.{'9' * 32}.part"
    fresh_copy = staging / "live-import.docx"  # another import running right now
    stale_part.parent.mkdir(parents=True, exist_ok=True)
    for path in (stale_copy, stale_part, fresh_copy):
        path.write_bytes(b"half a file")
    old = time.time() - 2 * storage.STALE_AFTER_S
    for path in (stale_copy, stale_part):
        os.utime(path, (old, old))
    code, out = run(samples["dvk"], unit="TTDVVL")
    assert code == 0, out
    assert not stale_copy.exists() and not stale_part.exists()
    assert fresh_copy.exists()
    assert Document.objects.count() == 1
