import os
import json

import pika
from flask import Flask, jsonify, request
from flask_httpauth import HTTPBasicAuth

app = Flask(__name__)
auth = HTTPBasicAuth()

USER = os.environ.get("API_USER", "user")
PASSWORD = os.environ.get("API_PASS", "pass")


@auth.verify_password
def verify(username, password):
    return username == USER and password == PASSWORD


def publish(message):
    connection = pika.BlockingConnection(pika.ConnectionParameters(host=os.environ.get("RABBITMQ_HOST", "rabbitmq")))
    channel = connection.channel()
    channel.queue_declare(queue='messages')
    channel.basic_publish(exchange='', routing_key='messages', body=json.dumps(message))
    connection.close()


@app.route('/api/message', methods=['POST'])
@auth.login_required
def message():
    data = request.get_json()
    publish(data)
    return jsonify({"status": "Message sent"})


@app.route('/api/health')
def health():
    return jsonify({"status": "healthy"})


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
