package io.rung.gateway.northbound;

import io.rung.config.DeviceConfig;
import io.rung.config.OpcUaConfig;
import io.rung.drivers.api.Driver;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every device on its schedule with its own Quartz scheduler (RAM job store, a few threads): one job per
 * device, {@code poll} as a simple interval or {@code cron}; OPC UA {@code mode: subscribe} devices use the
 * driver's monitored items instead. Jobs only start a poll on the device's lane and return, so a slow device never
 * holds a thread another device needs; an overrunning poll is skipped, never queued. A tick job drives heartbeats.
 *
 * <pre>{@code
 * PollScheduler polls = new PollScheduler(devices, PollScheduler.DEFAULT_TICK);
 * polls.start();      // $status offline, connect, then poll
 * ...
 * polls.stop();       // stop polls, then every $status offline
 * }</pre>
 */
public final class PollScheduler implements AutoCloseable {
    /** How often heartbeats and values held back by backpressure are looked at. */
    public static final Duration DEFAULT_TICK = Duration.ofSeconds(1);
    /** The reason {@code $status} gives after a graceful stop. */
    public static final String STOPPED = "gateway stopped";

    private static final Logger LOG = LoggerFactory.getLogger(PollScheduler.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final String GROUP = "rung";

    private final List<DeviceRuntime> devices;
    private final Duration tick;
    private final Map<String, DevicePoll> polls = new LinkedHashMap<>();
    private final List<Driver.Subscription> subscriptions = new ArrayList<>();
    private final Scheduler scheduler;
    private boolean stopped;

    public PollScheduler(List<DeviceRuntime> devices, Duration tick) throws SchedulerException {
        this(devices, tick, PollObserver.NONE);
    }

    /** As above; {@code observer} is told about every finished poll (metrics). */
    public PollScheduler(List<DeviceRuntime> devices, Duration tick, PollObserver observer) throws SchedulerException {
        if (tick.isNegative() || tick.isZero()) throw new IllegalArgumentException("tick must be > 0, got " + tick);
        this.devices = List.copyOf(devices);
        this.tick = tick;
        for (DeviceRuntime device : this.devices) polls.put(device.name(), new DevicePoll(device, observer));
        List<PointPublisher> publishers =
                this.devices.stream().map(DeviceRuntime::publisher).toList();
        scheduler = new StdSchedulerFactory(properties(this.devices.size())).getScheduler();
        scheduler.setJobFactory((bundle, owner) -> {
            String name = bundle.getJobDetail().getKey().getName();
            DevicePoll poll = polls.get(name);
            return poll != null ? new PollJob(poll) : new TickJob(publishers);
        });
    }

    /**
     * Publishes every device's {@code $status} offline, connects the drivers (their back-off is their own), starts
     * OPC UA subscriptions and the poll jobs.
     *
     * @throws SchedulerException when a job cannot be scheduled, e.g. a cron expression Quartz refuses
     */
    public synchronized void start() throws SchedulerException {
        for (DeviceRuntime device : devices) {
            PointPublisher publisher = device.publisher();
            publisher.start();
            device.driver().onStateChange(publisher::onDriverState);
            device.driver().connect().whenComplete((ignored, failure) -> {
                if (failure != null) publisher.onConnectFailed(FailureText.of(failure));
            });
            if (!subscribe(device)) schedulePoll(device);
        }
        scheduler.scheduleJob(
                JobBuilder.newJob(TickJob.class).withIdentity("$tick", GROUP).build(),
                TriggerBuilder.newTrigger()
                        .withIdentity("$tick", GROUP)
                        .startNow()
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                                .withIntervalInMilliseconds(tick.toMillis())
                                .repeatForever()
                                .withMisfireHandlingInstructionNextWithRemainingCount())
                        .build());
        scheduler.start();
    }

    /** Stops polls and subscriptions, then publishes every device's {@code $status} offline. */
    @Override
    public synchronized void close() {
        if (stopped) return;
        stopped = true;
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            LOG.warn("Poll scheduler did not stop cleanly: {}", e.getMessage());
        }
        for (Driver.Subscription subscription : subscriptions) {
            try {
                subscription.close();
            } catch (RuntimeException e) {
                LOG.warn("Subscription did not close cleanly: {}", e.toString());
            }
        }
        for (DeviceRuntime device : devices) device.publisher().stop(STOPPED);
    }

    /** Same as {@link #close()}. */
    public void stop() {
        close();
    }

    /** Polls started for a device so far (subscribed devices: 0). */
    public long polls(String device) {
        DevicePoll poll = polls.get(device);
        return poll == null ? 0 : poll.started();
    }

    /** Polls skipped for a device because the previous one was still running. */
    public long skippedPolls(String device) {
        DevicePoll poll = polls.get(device);
        return poll == null ? 0 : poll.skipped();
    }

    private boolean subscribe(DeviceRuntime device) {
        DeviceConfig config = device.config();
        if (!(config.connection() instanceof OpcUaConfig) || config.mode() != DeviceConfig.Mode.SUBSCRIBE) return false;
        Duration interval = config.schedule() instanceof DeviceConfig.Schedule.Every every
                ? every.interval()
                : DeviceConfig.DEFAULT_POLL;
        PointPublisher publisher = device.publisher();
        Optional<Driver.Subscription> subscription =
                device.driver().subscribe(device.addresses(), interval, publisher::onSamples);
        if (subscription.isEmpty()) {
            LOG.info("Device {} offers no subscriptions; polling it instead.", device.name());
            return false;
        }
        subscriptions.add(subscription.get());
        polls.remove(device.name());
        return true;
    }

    private void schedulePoll(DeviceRuntime device) throws SchedulerException {
        JobDetail job = JobBuilder.newJob(PollJob.class)
                .withIdentity(device.name(), GROUP)
                .build();
        TriggerBuilder<Trigger> trigger =
                TriggerBuilder.newTrigger().withIdentity(device.name(), GROUP).startNow();
        DeviceConfig.Schedule schedule = device.config().schedule();
        if (schedule instanceof DeviceConfig.Schedule.Cron cron) {
            CronExpression expression;
            try {
                expression = new CronExpression(cron.expression());
            } catch (ParseException e) {
                throw new SchedulerException(
                        "device " + device.name() + ": cron '" + cron.expression() + "' is not valid: "
                                + e.getMessage(),
                        e);
            }
            scheduler.scheduleJob(
                    job,
                    trigger.withSchedule(CronScheduleBuilder.cronSchedule(expression)
                                    .withMisfireHandlingInstructionDoNothing())
                            .build());
        } else {
            Duration interval = schedule instanceof DeviceConfig.Schedule.Every every
                    ? every.interval()
                    : DeviceConfig.DEFAULT_POLL;
            scheduler.scheduleJob(
                    job,
                    trigger.withSchedule(SimpleScheduleBuilder.simpleSchedule()
                                    .withIntervalInMilliseconds(Math.max(1, interval.toMillis()))
                                    .repeatForever()
                                    .withMisfireHandlingInstructionNextWithRemainingCount())
                            .build());
        }
    }

    private static Properties properties(int devices) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "rung-polls-" + INSTANCES.incrementAndGet());
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        // Jobs return at once (the read runs on the device's lane), so a few threads serve many devices.
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(Math.min(4, Math.max(2, devices + 1))));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "rung-poll");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        // A trigger more than this late (threads starved, clock jumped) counts as misfired: skipped, not caught up.
        p.setProperty("org.quartz.jobStore.misfireThreshold", "1000");
        return p;
    }
}
