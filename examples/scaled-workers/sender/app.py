# Sender: takes a message over HTTP and puts it on task_queue (like new_task.py in the
# RabbitMQ tutorial "Work Queues").
import os

import pika
from flask import Flask, jsonify, request

QUEUE = 'task_queue'
DLX = 'dlx'
DLQ = f'{QUEUE}.dlq'

app = Flask(__name__)


def connect():
    credentials = pika.PlainCredentials(os.environ['RABBITMQ_USER'], os.environ['RABBITMQ_PASS'])
    parameters = pika.ConnectionParameters(host=os.environ.get('RABBITMQ_HOST', 'localhost'), credentials=credentials)
    return pika.BlockingConnection(parameters)


def declare_queues(channel):
    # Same queues as the worker
    channel.exchange_declare(exchange=DLX, exchange_type='fanout', durable=True)
    channel.queue_declare(queue=DLQ, durable=True)
    channel.queue_bind(exchange=DLX, queue=DLQ)
    channel.queue_declare(queue=QUEUE, durable=True, arguments={'x-dead-letter-exchange': DLX})


@app.route('/health')
def health():
    return jsonify({'status': 'ok'})


@app.route('/send', methods=['POST'])
def send():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return jsonify({'error': 'Send a JSON object'}), 400
    message = data.get('message')
    if not isinstance(message, str) or not message.strip():
        return jsonify({'error': 'The message cannot be empty'}), 400
    try:
        connection = connect()
    except (pika.exceptions.AMQPConnectionError, OSError):
        return jsonify({'error': 'RabbitMQ is not available'}), 503
    try:
        channel = connection.channel()
        declare_queues(channel)
        channel.confirm_delivery()
        channel.basic_publish(
            exchange='',
            routing_key=QUEUE,
            body=message,
            properties=pika.BasicProperties(delivery_mode=2),  # make message persistent
        )
    finally:
        connection.close()
    print(" [x] Sent %r" % message)
    return jsonify({'status': 'Message sent'})


if __name__ == '__main__':
    app.run(host='0.0.0.0', port=5000)
