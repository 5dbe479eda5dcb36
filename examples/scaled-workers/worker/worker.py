#!/usr/bin/env python
# Worker from the RabbitMQ tutorial "Work Queues": every dot in a message is one second of work.
import os
import time

import pika

QUEUE = 'task_queue'
DLX = 'dlx'
DLQ = f'{QUEUE}.dlq'


def connect():
    credentials = pika.PlainCredentials(os.environ['RABBITMQ_USER'], os.environ['RABBITMQ_PASS'])
    parameters = pika.ConnectionParameters(host=os.environ.get('RABBITMQ_HOST', 'localhost'), credentials=credentials)
    return pika.BlockingConnection(parameters)


def declare_queues(channel):
    # Rejected and expired messages go to the dead letter queue
    channel.exchange_declare(exchange=DLX, exchange_type='fanout', durable=True)
    channel.queue_declare(queue=DLQ, durable=True)
    channel.queue_bind(exchange=DLX, queue=DLQ)
    channel.queue_declare(queue=QUEUE, durable=True, arguments={'x-dead-letter-exchange': DLX})


def callback(ch, method, properties, body):
    print(" [x] Received %r" % body.decode())
    if b'fail' in body:
        print(" [x] Rejected")
        ch.basic_reject(delivery_tag=method.delivery_tag, requeue=False)
        return
    time.sleep(body.count(b'.'))
    print(" [x] Done")
    ch.basic_ack(delivery_tag=method.delivery_tag)


def main():
    connection = connect()
    channel = connection.channel()
    declare_queues(channel)
    channel.basic_qos(prefetch_count=1)
    channel.basic_consume(queue=QUEUE, on_message_callback=callback)
    print(' [*] Waiting for messages. To exit press CTRL+C')
    channel.start_consuming()


if __name__ == '__main__':
    while True:
        try:
            main()
        except (pika.exceptions.AMQPConnectionError, OSError) as error:
            # OSError: the name rabbitmq does not resolve while its container is down
            print(f' [!] Could not connect to RabbitMQ ({error!r}), retrying in 5 seconds')
            time.sleep(5)
