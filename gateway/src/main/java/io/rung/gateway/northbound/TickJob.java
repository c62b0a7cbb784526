package io.rung.gateway.northbound;

import java.util.List;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Quartz job that lets every publisher send due heartbeats and values held back by backpressure. */
@DisallowConcurrentExecution
final class TickJob implements Job {
    private static final Logger LOG = LoggerFactory.getLogger(TickJob.class);

    private final List<PointPublisher> publishers;

    TickJob(List<PointPublisher> publishers) {
        this.publishers = publishers;
    }

    @Override
    public void execute(JobExecutionContext context) {
        for (PointPublisher publisher : publishers) {
            try {
                publisher.tick();
            } catch (RuntimeException e) {
                LOG.error("Device {} heartbeat failed: {}", publisher.device().name(), e.toString(), e);
            }
        }
    }
}
