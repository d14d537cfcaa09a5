"""The worker's reminder schedule: at start, then every REMINDERS_INTERVAL seconds."""

from __future__ import annotations

from consent_service.reminders.commands import ReminderSchedule, run_if_due


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_schedule_is_due_at_start_then_every_interval():
    clock = Clock()
    schedule = ReminderSchedule(900, clock=clock)
    seen = []
    for seconds in (0, 5, 899, 900, 1000, 1799, 1800):
        clock.now = 1000.0 + seconds
        seen.append(schedule.due())
    assert seen == [True, False, False, True, False, False, True]


def test_an_interval_of_zero_turns_reminders_off():
    assert not ReminderSchedule(0, clock=Clock()).due()


def test_run_if_due_runs_the_reminders_only_when_due(app, capsys):
    clock = Clock()
    schedule = ReminderSchedule(60, clock=clock)
    summary = run_if_due(schedule)
    assert summary is not None and summary.total == 0
    assert run_if_due(schedule) is None
    assert capsys.readouterr().out == ""  # nothing queued: nothing printed


def test_the_default_interval_is_registered(app):
    assert app.config["REMINDERS_INTERVAL"] == 900
