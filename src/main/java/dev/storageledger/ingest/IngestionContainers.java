package dev.storageledger.ingest;

import java.util.List;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/** The consumers' containers: started once the service is up, stopped (their last poll finished) before it goes down. */
final class IngestionContainers implements SmartLifecycle {

    private final List<ConcurrentMessageListenerContainer<byte[], byte[]>> containers;

    IngestionContainers(List<ConcurrentMessageListenerContainer<byte[], byte[]>> containers) {
        this.containers = List.copyOf(containers);
    }

    @Override
    public void start() {
        containers.forEach(ConcurrentMessageListenerContainer::start);
    }

    @Override
    public void stop() {
        containers.forEach(ConcurrentMessageListenerContainer::stop);
    }

    @Override
    public boolean isRunning() {
        return containers.stream().anyMatch(ConcurrentMessageListenerContainer::isRunning);
    }

    /** Whether the container of {@code topic} runs. */
    boolean isRunning(String topic) {
        return containers.stream().anyMatch(container -> List.of(container.getContainerProperties().getTopics()).contains(topic)
                && container.isRunning());
    }
}
