import os

import requests
from flask import Flask, jsonify, request

app = Flask(__name__)
AUTH = os.getenv("AUTH_SERVICE_URL")
CATALOG = os.getenv("CATALOG_SERVICE_URL")
ORDERS = os.getenv("ORDER_SERVICE_URL")


@app.route("/register", methods=["POST"])
def register():
    return jsonify(requests.post(f"{AUTH}/register", json=request.json).json())


@app.route("/login", methods=["POST"])
def login():
    return jsonify(requests.post(f"{AUTH}/login", json=request.json).json())


@app.route("/books", methods=["GET", "POST"])
def books():
    if request.method == "POST":
        return jsonify(requests.post(f"{CATALOG}/books", json=request.json).json())
    return jsonify(requests.get(f"{CATALOG}/books").json())


@app.route("/orders", methods=["POST"])
def orders():
    return jsonify(requests.post(f"{ORDERS}/orders", json=request.json).json())
