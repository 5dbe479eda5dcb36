internal import CRabbitMQ

/// rabbitmq-c's `amqp_boolean_t`.
func flag(_ value: Bool) -> amqp_boolean_t { value ? 1 : 0 }
