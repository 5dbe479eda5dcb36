import os

import pika
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route('/send', methods=['POST'])
def send():
    data = request.get_json(silent=True)
    if not data or not data.get('message', '').strip():
        return jsonify({'error': 'El mensaje no puede estar vacío'}), 400
    message = data['message']
    dots = message.count('.')
    if dots > 5 and dots not in (30, 40):
        return jsonify({'error': 'El mensaje debe tener hasta 5 puntos, o exactamente 30 o 40'}), 400
    connection = pika.BlockingConnection(pika.ConnectionParameters(host=os.environ['RABBITMQ_HOST']))
    channel = connection.channel()
    channel.queue_declare(queue='task_queue', durable=True)
    channel.basic_publish(
        exchange='',
        routing_key='task_queue',
        body=message,
        properties=pika.BasicProperties(delivery_mode=pika.DeliveryMode.Persistent),
    )
    connection.close()
    return jsonify({'status': f' [x] Sent {message}'})


if __name__ == '__main__':
    app.run(host='0.0.0.0', port=5000)
