package io.rung.gateway.northbound;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** The Quartz job of one device: starts its poll, which runs on the device's lane. */
@DisallowConcurrentExecution
final class PollJob implements Job {
    private final DevicePoll poll;

    PollJob(DevicePoll poll) {
        this.poll = poll;
    }

    @Override
    public void execute(JobExecutionContext context) {
        poll.poll();
    }
}
