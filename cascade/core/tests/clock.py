"""Keep a test module on one calendar day, however late the run.

A module that works out "today" once (its fixtures' dates, signed day codes) fails when the
run crosses midnight in ``TIME_ZONE`` between that moment and the request. ``stay_on(day)``
moves the clock to noon of ``day`` (local time) and lets it tick from there, so the day
cannot change under the module; everything in this process (views, the live server's
threads) sees the same clock. Cascade's subprocesses and the database keep the real one.
"""

import datetime as dt

import time_machine
from django.utils import timezone


def stay_on(day: dt.date) -> time_machine.travel:
    noon = dt.datetime.combine(day, dt.time(12), tzinfo=timezone.get_current_timezone())
    return time_machine.travel(noon, tick=True)
