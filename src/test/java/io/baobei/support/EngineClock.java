package io.baobei.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Moves the engine's clock for a process test, and back. {@link ClockUtil} is one for the whole test JVM, and the web
 * tests' application ({@link BaobeiWebTest}) stays alive between its tests with its job executor running: with the
 * clock moved, it would fire the timers of the web tests' data (their reviews escalated to the directors, reminders
 * sent) and date the tasks it creates meanwhile in the future, so that Tasklist lists them first. Every running job
 * executor therefore pauses while the clock is moved; the tests run one after the other, so nothing waits for it.
 */
public final class EngineClock {

    private static final List<JobExecutor> PAUSED = new ArrayList<>();

    private EngineClock() {
    }

    /** The engine's "now" becomes {@code at} (job executors of this JVM paused until {@link #reset()}). */
    public static synchronized void set(Instant at) {
        for (ProcessEngine engine : ProcessEngines.getProcessEngines().values()) {
            JobExecutor executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                    .getJobExecutor();
            if (executor != null && executor.isActive()) {
                executor.shutdown();
                PAUSED.add(executor);
            }
        }
        ClockUtil.setCurrentTime(Date.from(at));
    }

    /** The real time again, and the paused job executors running. */
    public static synchronized void reset() {
        ClockUtil.reset();
        PAUSED.forEach(JobExecutor::start);
        PAUSED.clear();
    }
}
