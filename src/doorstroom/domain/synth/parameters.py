"""Parameters of the synthetic career model.

All durations are in days unless the name says years. The values were set by hand
and then tuned so that, at the default population size, the monitoring engine's
figures match the parliamentary answers in the seeds (see ``docs/synth.md`` for the
calibration table). Probabilities of one "exit" tuple add up to one.
"""

from __future__ import annotations

from dataclasses import dataclass

from doorstroom.domain.synth import timeline

#: Default population: persons ever in a CM, LDE or IM dossier 2010-2024, plus
#: trajectory participants (who are SE workers too). See ``docs/synth.md``.
DEFAULT_PERSONS = 60_000

#: Persons generated and written at a time.
CHUNK_SIZE = 50_000

#: Calibration period and extraction date of the seeds' main figures (001).
CALIBRATION_FROM = timeline.day("2019-01-01")
CALIBRATION_TO = timeline.day("2022-12-31")
CALIBRATION_AS_OF = timeline.day("2024-06-30")

#: The Dimona measurement of 003 ("eind november 2019").
DIMONA_2019 = timeline.day("2019-11-30")

#: LDE decree in force (seed 004): from then on an LDE dossier lasts at most 5 years.
LDE_DECREE = timeline.day("2015-04-01")

#: Individueel maatwerk in force in the model (it replaces LDE for new dossiers).
IM_START = timeline.day("2023-07-01")


@dataclass(frozen=True)
class CareerParameters:
    """Rates and durations of the career model (see ``careers.simulate_careers``).

    Attributes
    ----------
    stock_cm_share, stock_lde_share
        Shares of persons already in a CM or LDE dossier on 2010-01-01.
    stock_cm_max_tenure_years, stock_lde_max_tenure_years
        Tenure on 2010-01-01 of the stock is uniform up to this many years.
    entry_lde_share, entry_im_share
        Instrument of a newcomer's first dossier (IM only from ``IM_START``, where it
        takes the place of LDE); the rest is CM.
    prehistory_mean
        Mean number of NEC jobs (regular or interim) before a newcomer's first dossier.
    cm_short_share, cm_short_mean, cm_long_mean
        CM dossier length: a mixture of short (trial) and long stays, exponential.
    lde_median, lde_sigma
        LDE dossier length: log-normal, capped at 5 years after the LDE decree.
    im_mean
        IM dossier length (exponential).
    nec_short_share, nec_short_mean, nec_long_mean
        NEC job length: a mixture of short and long jobs.
    interim_mean
        Length of a run of interim jobs.
    unemployment_mean
        Length of a spell without work.
    cm_exit, lde_exit
        After a CM or LDE dossier ends: (doorstroom to NEC, renewal with the same
        employer, transfer to another SE dossier, unemployment, leaves the labour
        market).
    im_exit
        After an IM dossier ends: (stays with the employer without WOP, other NEC
        job, to CM, unemployment, leaves).
    nec_exit_first_short, nec_exit_first_long, nec_exit_later
        After an NEC job ends: (next NEC job, return to SE, unemployment, leaves),
        for the first NEC job after an SE dossier that lasted under a year, for one
        that lasted longer, and for later jobs.
    unemployment_exit, unemployment_exit_after_job
        After unemployment: (NEC job, SE dossier, leaves); the second for persons
        whose last work was an NEC job (a late return to SE is rarer).
    interim_share
        Share of NEC jobs that are interim work.
    doorstroom_direct_share, doorstroom_gap_mean
        Share of doorstroom moves starting the day after the dossier ends; the rest
        starts after an exponential gap.
    transfer_gap_mean, return_gap_mean, job_gap_mean
        Gaps before a transfer, a return to SE and the next NEC job.
    sec_spell_mean, nec_spell_mean, interim_spell_mean
        Mean length of one employment spell (a contract or hours change starts a new
        spell) in a dossier, an NEC job and an interim run.
    interim_gap_max
        Days between two interim contracts (uniform from 0).
    """

    stock_cm_share: float = 0.29
    stock_lde_share: float = 0.05
    stock_cm_max_tenure_years: float = 22.0
    stock_lde_max_tenure_years: float = 4.0
    entry_lde_share: float = 0.45
    entry_im_share: float = 0.45
    prehistory_mean: float = 1.6
    cm_short_share: float = 0.3
    cm_short_mean: float = 400.0
    cm_long_mean: float = 16.0 * timeline.YEAR
    lde_median: float = 2.4 * timeline.YEAR
    lde_sigma: float = 0.55
    im_mean: float = 2.5 * timeline.YEAR
    nec_short_share: float = 0.33
    nec_short_mean: float = 150.0
    nec_long_mean: float = 4.5 * timeline.YEAR
    interim_mean: float = 200.0
    unemployment_mean: float = 300.0
    cm_exit: tuple[float, float, float, float, float] = (0.14, 0.04, 0.07, 0.29, 0.46)
    lde_exit: tuple[float, float, float, float, float] = (0.10, 0.0, 0.12, 0.46, 0.32)
    im_exit: tuple[float, float, float, float, float] = (0.45, 0.15, 0.10, 0.18, 0.12)
    nec_exit_first_short: tuple[float, float, float, float] = (0.38, 0.25, 0.22, 0.15)
    nec_exit_first_long: tuple[float, float, float, float] = (0.57, 0.025, 0.26, 0.145)
    nec_exit_later: tuple[float, float, float, float] = (0.56, 0.01, 0.28, 0.15)
    unemployment_exit: tuple[float, float, float] = (0.26, 0.10, 0.64)
    unemployment_exit_after_job: tuple[float, float, float] = (0.30, 0.03, 0.67)
    interim_share: float = 0.3
    doorstroom_direct_share: float = 0.45
    doorstroom_gap_mean: float = 110.0
    transfer_gap_mean: float = 30.0
    return_gap_mean: float = 75.0
    job_gap_mean: float = 14.0
    sec_spell_mean: float = 1.0 * timeline.YEAR
    nec_spell_mean: float = 0.85 * timeline.YEAR
    interim_spell_mean: float = 28.0
    interim_gap_max: int = 12
